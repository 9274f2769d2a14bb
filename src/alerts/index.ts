export {
  isResolvedChangeKey,
  isWorse,
  materialChangeKey,
  parseChangeKey,
  recipientKey,
} from "./change-key.js";
export * from "./intent.js";
export { type AlertBatch, buildDigest, type MergeOptions, mergeForRecipient } from "./merge.js";
export * from "./owed-diff.js";
export { compareIntents, type PlanInput, planAlerts } from "./plan.js";
export type { ActionSummary } from "./recipients.js";
export {
  clipMrkdwn,
  conflictBlocks,
  escapeMrkdwn,
  renderBatchBlocks,
  renderBlocks,
  replaceConflictBlocks,
  type SlackMessage,
} from "./render-blocks.js";
export { batchSubject, renderBatchHtml, renderBatchText, renderHtml, renderText } from "./render-text.js";
export { type AlertSink, type RenderedAlert, renderAlert } from "./sink.js";
export { createConsoleSink, describeTarget } from "./sinks/console-sink.js";
export * from "./slack-action-value.js";
