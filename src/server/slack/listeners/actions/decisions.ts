import type { App } from "@slack/bolt";
import { parseSnoozeOption } from "../../../../alerts/index.js";
import { acknowledgeConflict, DecisionRefused, snoozeConflict } from "../../../../jobs/conflict-decisions.js";
import { formatHuman, todayIn, ValidationError } from "../../../../model/index.js";
import { fingerprintFromBlock } from "../../click.js";
import { markDecided, mention } from "../../replies.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";
import { conflictAction, fromValue } from "./conflict-action.js";

/** Acknowledge: a decision kept in the store; the planner stays quiet until the conflict worsens. */
export function registerAck(app: App, deps: SlackHandlerDeps, id: "ack"): void {
  app.action(
    { type: "block_actions", action_id: id },
    conflictAction(deps, fromValue, async ({ click, conflict, client, by }) => {
      await acknowledgeConflict(deps.ctx, conflict, by);
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
            throw new DecisionRefused(`Cannot snooze: ${error.issues.join("; ")}`);
          throw error;
        }
        const until = await snoozeConflict(deps.ctx, conflict, days, by);
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
