import type { App, ViewSubmitAction, webApi } from "@slack/bolt";
import type { SlackActionRaw } from "../../../../../connectors/registry.js";
import { SlackSourceError, slackNativeKey } from "../../../../../connectors/registry.js";
import { type Person, parseCalendarDate, toDayNumber } from "../../../../model/index.js";
import { mention, tellUser } from "../../replies.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { slackSourceConfig } from "../slack-source/instance.js";
import { ownerRawOf, resolveKpis, resolveSlackUser, splitRefs } from "../slack-source/resolve-fields.js";
import { actionLine, conflictsText, failureText } from "../slack-source/summary.js";
import { writeSlackAction } from "../slack-source/write-action.js";
import { TRACK_BLOCKS, TRACK_CALLBACK_ID, TrackMetadataSchema } from "./track-action-view.js";
import { type Ack, dateIn, submissionSchema, textIn, userIn, type ViewStateValues } from "./view-state.js";

const SubmissionSchema = submissionSchema(TRACK_CALLBACK_ID);

export interface ViewArgs {
  ack: Ack;
  body: unknown;
  client: webApi.WebClient;
}

export interface TrackFields {
  title: string;
  ownerUserId: string;
  start: string | null;
  due: string | null;
  dependsOn: string[];
  kpis: string[];
}

/** The checks that need nothing but the form: each problem keyed by the block it is shown under. */
export function checkTrackForm(values: ViewStateValues): {
  fields: TrackFields | null;
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  const title = textIn(values, TRACK_BLOCKS.title);
  if (!title) errors[TRACK_BLOCKS.title] = "Give the action a title.";
  const ownerUserId = userIn(values, TRACK_BLOCKS.owner);
  if (!ownerUserId) errors[TRACK_BLOCKS.owner] = "Pick the person who owns this.";
  const date = (block: string): string | null => {
    const d = dateIn(values, block);
    if (d && parseCalendarDate(d) === null) {
      errors[block] = `${d} is not a calendar date (YYYY-MM-DD).`;
      return null;
    }
    return d;
  };
  const start = date(TRACK_BLOCKS.start);
  const due = date(TRACK_BLOCKS.due);
  if (start && due && toDayNumber(start) > toDayNumber(due)) {
    errors[TRACK_BLOCKS.start] = `The start (${start}) is after the due date (${due}).`;
  }
  const fields =
    title && ownerUserId
      ? {
          title,
          ownerUserId,
          start,
          due,
          dependsOn: splitRefs(textIn(values, TRACK_BLOCKS.depends)),
          kpis: splitRefs(textIn(values, TRACK_BLOCKS.kpi)),
        }
      : null;
  return { fields, errors };
}

/**
 * The submitted "Track as action": checked before the ack (problems are shown in the modal with
 * response_action errors), then written after it, linked to the message (chat.getPermalink), with a reply in
 * the message's thread naming the action and its conflicts. The key derives from the view id, so a
 * submission Slack (or an impatient click) sends twice creates one action and one reply.
 */
export function register(app: App, deps: SlackHandlerDeps): void {
  app.view<ViewSubmitAction>(
    { type: "view_submission", callback_id: TRACK_CALLBACK_ID },
    async ({ ack, body, client }: ViewArgs) => {
      const s = SubmissionSchema.parse(body);
      const userId = s.user.id;
      const meta = TrackMetadataSchema.parse(JSON.parse(s.view.private_metadata));
      const { fields, errors } = checkTrackForm(s.view.state.values);
      let owner: Person | null = null;
      if (fields) {
        const r = await resolveSlackUser(deps, fields.ownerUserId, "Owner");
        if (r.ok) owner = r.value;
        else errors[TRACK_BLOCKS.owner] = r.message;
      }
      const kpis = resolveKpis(await deps.ctx.store.directory.loadKpis(), fields?.kpis ?? []);
      if (!kpis.ok) errors[TRACK_BLOCKS.kpi] = kpis.message;
      let target: ReturnType<typeof slackSourceConfig> | null = null;
      try {
        target = slackSourceConfig(deps.ctx.config);
      } catch (error) {
        if (!(error instanceof SlackSourceError)) throw error;
        errors[TRACK_BLOCKS.title] = error.message;
      }
      if (Object.keys(errors).length > 0 || !fields || !owner || !kpis.ok || !target) {
        await ack({ response_action: "errors", errors });
        return;
      }
      await ack();

      // The view id is the same for every submission of this modal: a resubmission is the same action.
      const key = slackNativeKey(target.keyPrefix, `view:${s.view.id}`);
      const source = target.source;
      const where = { channelId: meta.channel, userId };
      try {
        const build = async (): Promise<SlackActionRaw> => ({
          key,
          title: fields.title,
          status: "todo",
          owner: ownerRawOf(owner),
          team: owner.team,
          businessUnit: null,
          program: null,
          start: fields.start,
          due: fields.due,
          kpis: kpis.value,
          dependsOn: fields.dependsOn.map((ref) => ({ ref, type: "FS", lagDays: 0 })),
          mirrors: [],
          link: await permalink(client, meta.channel, meta.ts),
          message: { channel: meta.channel, ts: meta.ts },
          via: "shortcut",
          by: userId,
          at: deps.ctx.now(),
        });
        const outcome = await writeSlackAction(deps, source, key, "create", build);
        if (!outcome.created) return;
        const people = (await deps.ctx.store.directory.load()).people;
        const text =
          `:pushpin: ${mention(userId)} is tracking this as \`${outcome.action.id}\`\n` +
          `${actionLine(outcome.action, people)}\n${await conflictsText(deps.ctx.store, outcome.conflicts)}`;
        // https://docs.slack.dev/reference/methods/chat.postMessage (thread_ts: a reply under the message)
        await client.chat.postMessage({ channel: meta.channel, thread_ts: meta.ts, text });
      } catch (error) {
        await tellUser(client, where, failureText(error, "track that message")).catch((e: unknown) =>
          deps.log(`slack: could not tell ${userId} about a failure: ${String(e)}`),
        );
        throw error;
      }
    },
  );
}

/** The message's permalink (https://docs.slack.dev/reference/methods/chat.getPermalink). */
async function permalink(client: webApi.WebClient, channel: string, ts: string): Promise<string | null> {
  const res = await client.chat.getPermalink({ channel, message_ts: ts });
  return res.permalink ?? null;
}
