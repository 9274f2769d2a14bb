import type { webApi } from "@slack/bolt";
import type { SlackActionValue } from "../../../../alerts/index.js";
import { DecisionRefused, liveConflict } from "../../../../jobs/conflict-decisions.js";
import type { StoredConflict } from "../../../../store/index.js";
import { type Click, clickValue, parseClick } from "../../click.js";
import { isConflictRecipient } from "../../identity.js";
import { tellUser } from "../../replies.js";
import type { SlackHandlerDeps } from "../../slack-deps.js";

export interface ConflictClick {
  click: Click;
  conflict: StoredConflict;
  /** The button's decoded value; null for a select menu (its choice is in `click.selected`). */
  value: SlackActionValue | null;
  client: webApi.WebClient;
  /** `slack:<user id>`: who decided, for the store and the history. */
  by: string;
}

/** What Bolt hands an action listener, as far as these handlers use it. */
export interface ActionArgs {
  ack: () => Promise<void>;
  body: unknown;
  client: webApi.WebClient;
}

/**
 * Wraps a conflict button's handler: ack first (Slack wants an answer within 3 s; the work happens after),
 * then find which conflict the click is about, refuse anyone who is not one of its recipients, run the
 * handler. A failure is told to the user and rethrown, so Bolt's error handler logs it too.
 */
export function conflictAction(
  deps: SlackHandlerDeps,
  fingerprintOf: (click: Click, value: SlackActionValue | null) => string | null | Promise<string | null>,
  handle: (c: ConflictClick) => Promise<void>,
) {
  return async ({ ack, body, client }: ActionArgs): Promise<void> => {
    await ack();
    const click = parseClick(body);
    const value = clickValue(click);
    const fingerprint = await fingerprintOf(click, value);
    if (!fingerprint) {
      await tellUser(client, click, "This button does not belong to a Sightline alert I can read.");
      return;
    }
    const conflict = await liveConflict(deps.ctx, fingerprint);
    if (!conflict) {
      await tellUser(client, click, "This conflict has already cleared: there is nothing left to do.");
      return;
    }
    if (!(await isConflictRecipient(deps, conflict, click.userId))) {
      deps.log(`slack: refused ${click.actionId} on ${fingerprint} by ${click.userId} (not a recipient)`);
      await tellUser(
        client,
        click,
        "Only the people this conflict was sent to can act on it. Nothing was changed.",
      );
      return;
    }
    try {
      await handle({ click, conflict, value, client, by: `slack:${click.userId}` });
    } catch (error) {
      if (error instanceof DecisionRefused) {
        await tellUser(client, click, error.message);
        return;
      }
      const why = error instanceof Error ? error.message : String(error);
      // The user hears of it; a failure to tell them is logged, and the original error goes on to Bolt.
      await tellUser(client, click, `Sightline could not do that: ${why}`).catch((e: unknown) =>
        deps.log(`slack: could not tell ${click.userId} about a failure: ${String(e)}`),
      );
      throw error;
    }
  };
}

/** The fingerprint a button carries in its value. */
export const fromValue = (_click: Click, value: SlackActionValue | null) => value?.f ?? null;
