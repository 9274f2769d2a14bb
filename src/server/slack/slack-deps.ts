import type { SlackPeople } from "../../alerts/sinks/slack-people.js";
import type { AppContext } from "../../jobs/app-context.js";
import type { DecisionWork } from "../../jobs/decision-work.js";

export interface SlackHandlerDeps {
  ctx: AppContext;
  work: DecisionWork;
  /** Slack user → e-mail for people the directory knows without a Slack id; null skips that lookup. */
  people: SlackPeople | null;
  log: (line: string) => void;
}
