import type { SlackActionRaw } from "../../../../../connectors/registry.js";
import {
  ADD_USAGE,
  type FieldError,
  parseAddCommand,
  slackNativeKey,
} from "../../../../../connectors/registry.js";
import type { Person } from "../../../../model/index.js";
import { personForSlackUser } from "../../identity.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { slackSourceConfig } from "../slack-source/instance.js";
import { appLink } from "../slack-source/links.js";
import { canonicalTeam, ownerRawOf, resolveKpis, resolveOwner } from "../slack-source/resolve-fields.js";
import { actionLine, conflictsText, failureText } from "../slack-source/summary.js";
import { writeSlackAction } from "../slack-source/write-action.js";

/** The fields of a slash command request `add` uses (https://docs.slack.dev/interactivity/implementing-slash-commands). */
export interface AddCommandRequest {
  userId: string;
  /** The text after `add`, as Slack sent it. */
  text: string;
  triggerId: string;
  teamId: string;
  apiAppId: string | null;
}

export type EphemeralRespond = (message: { response_type: "ephemeral"; text: string }) => Promise<unknown>;

function errorText(errors: readonly FieldError[]): string {
  const lines = errors.map((e) => `• ${e.message}`);
  return `:x: Nothing was created:\n${lines.join("\n")}\nUsage: \`${ADD_USAGE}\``;
}

/**
 * `/sightline add <title> owner:@someone due:… start:… depends:… kpi:… team:… status:…`: parsed (a pure
 * parser), resolved against the directory and KPI catalog, then written as the `slack` instance's action
 * and reconciled. Every answer goes only to the caller, through the command's response_url.
 */
export async function addFromCommand(
  deps: SlackHandlerDeps,
  req: AddCommandRequest,
  respond: EphemeralRespond,
): Promise<void> {
  const say = (text: string) => respond({ response_type: "ephemeral", text });
  const parsed = parseAddCommand(req.text);
  if (!parsed.ok) {
    await say(errorText(parsed.errors));
    return;
  }
  const { draft } = parsed;
  const errors: FieldError[] = [];

  let owner: Person | null = null;
  if (draft.owner) {
    const r = await resolveOwner(deps, draft.owner);
    if (r.ok) owner = r.value;
    else errors.push({ field: "owner", message: r.message });
  } else {
    owner = await personForSlackUser(deps, req.userId);
    if (!owner) {
      errors.push({
        field: "owner",
        message: `owner: you (<@${req.userId}>) are not in Sightline's people directory, so name the owner: owner:@someone`,
      });
    }
  }
  const kpis = resolveKpis(await deps.ctx.store.directory.loadKpis(), draft.kpis);
  if (!kpis.ok) errors.push({ field: "kpi", message: kpis.message });
  if (errors.length > 0 || !owner || !kpis.ok) {
    await say(errorText(errors));
    return;
  }

  try {
    const target = slackSourceConfig(deps.ctx.config);
    const directory = await deps.ctx.store.directory.load();
    // The trigger id is unique per invocation: the same request seen twice is the same action.
    const key = slackNativeKey(target.keyPrefix, `command:${req.teamId}:${req.triggerId}`);
    const raw: SlackActionRaw = {
      key,
      title: draft.title,
      status: draft.status ?? "todo",
      owner: ownerRawOf(owner),
      team: draft.team ? canonicalTeam(directory, draft.team) : owner.team,
      businessUnit: null,
      program: null,
      start: draft.start,
      due: draft.due,
      kpis: kpis.value,
      dependsOn: draft.dependsOn.map((ref) => ({ ref, type: "FS", lagDays: 0 })),
      mirrors: [],
      link: appLink(req.apiAppId, req.teamId),
      message: null,
      via: "command",
      by: req.userId,
      at: deps.ctx.now(),
    };
    const outcome = await writeSlackAction(deps, target.source, key, "create", () => raw);
    const head = outcome.created ? ":white_check_mark: Created" : "Already created";
    await say(
      `${head} \`${outcome.action.id}\`\n${actionLine(outcome.action, directory.people)}\n${await conflictsText(deps.ctx.store, outcome.conflicts)}`,
    );
  } catch (error) {
    await say(failureText(error, "create the action")).catch((e: unknown) =>
      deps.log(`slack: could not tell ${req.userId} about a failure: ${String(e)}`),
    );
    throw error;
  }
}
