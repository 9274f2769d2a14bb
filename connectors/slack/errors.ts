import { SightlineError } from "../../src/model/index.js";

export const SLACK_SOURCE_ERROR_CODES = [
  "slack_action_invalid",
  "slack_action_quarantined",
  "slack_action_not_found",
  "slack_action_forbidden",
  "slack_source_disabled",
  "slack_reconcile_failed",
] as const;
export type SlackSourceErrorCode = (typeof SLACK_SOURCE_ERROR_CODES)[number];

/** A Slack-created action that cannot be written; the message is shown to the Slack user as it is. */
export class SlackSourceError extends SightlineError {
  declare readonly code: SlackSourceErrorCode;
  constructor(code: SlackSourceErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
