import type { App } from "@slack/bolt";
import { parseSnoozeOption } from "../../../../alerts/index.js";
import { formatHuman, todayIn, ValidationError } from "../../../../model/index.js";
import { fingerprintFromBlock } from "../../click.js";
import { markDecided, mention } from "../../replies.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { ClickRefused, conflictAction, fromValue } from "./conflict-action.js";

const DAY_MS = 86_400_000;

/** Acknowledge: a decision kept in the store; the planner stays quiet until the conflict worsens. */
export function registerAck(app: App, deps: SlackHandlerDeps, id: "ack"): void {
  app.action(
    { type: "block_actions", action_id: id },
    conflictAction(deps, fromValue, async ({ click, conflict, client, by }) => {
      await deps.ctx.store.conflicts.setStatus(conflict.fingerprint, "acknowledged", {
        by,
        now: deps.ctx.now(),
      });
      await markDecided(
        client,
        click,
        conflict.fingerprint,
        `:white_check_mark: Acknowledged by ${mention(click.userId)}: you hear again only if it gets worse.`,
      );
    }),
  );
}

/** Snooze: quiet until a chosen day. The select's value is only the number of days; the block_id names the conflict. */
export function registerSnooze(app: App, deps: SlackHandlerDeps, id: "snooze"): void {
  app.action(
    { type: "block_actions", action_id: id },
    conflictAction(
      deps,
      (click) => fingerprintFromBlock(deps, click.blockId),
      async ({ click, conflict, client, by }) => {
        let days: number;
        try {
          days = parseSnoozeOption(click.selected ?? "");
        } catch (error) {
          if (error instanceof ValidationError)
            throw new ClickRefused(`Cannot snooze: ${error.issues.join("; ")}`);
          throw error;
        }
        const now = deps.ctx.now();
        const until = new Date(Date.parse(now) + days * DAY_MS).toISOString();
        await deps.ctx.store.conflicts.setStatus(conflict.fingerprint, "snoozed", { until, by, now });
        const date = formatHuman(todayIn(deps.ctx.config.organisation.timeZone, new Date(until)));
        await markDecided(
          client,
          click,
          conflict.fingerprint,
          `:zzz: Snoozed by ${mention(click.userId)} for ${days === 1 ? "1 day" : `${days} days`} (until ${date}).`,
        );
      },
    ),
  );
}
