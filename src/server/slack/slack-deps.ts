import type { SlackPeople } from "../../alerts/sinks/slack-people.js";
import type { AppContext } from "../../jobs/app-context.js";
import type { DateChange } from "../../sync/contract.js";

export interface WriteBackRequest {
  /** Hub id of the action whose dates change in its tool. */
  actionId: string;
  change: DateChange;
  /** Who asked: `slack:<user id>`. */
  by: string;
  /** Why, for the history and the logs: `replan`, `commit`, `propose`. */
  reason: string;
}

/**
 * What a click may set off beyond the store. Injected so the server runs with either runner: the queue
 * producers (distributed mode) or in-process work (embedded default); tests pass fakes.
 */
export interface SlackWork {
  /**
   * Writes a date change back to the action's tool. `written`: done, and the store holds the new dates (the
   * handler then calls `reconcile`); `queued`: a write-back job will do it, then re-sync and reconcile.
   */
  writeBack(request: WriteBackRequest): Promise<"written" | "queued">;
  /** Reconciles (and alerts on the result) after Sightline itself changed something: an override, a write-back. */
  reconcile(reason: string): Promise<void>;
}

export interface SlackHandlerDeps {
  ctx: AppContext;
  work: SlackWork;
  /** Slack user → e-mail for people the directory knows without a Slack id; null skips that lookup. */
  people: SlackPeople | null;
  log: (line: string) => void;
}
