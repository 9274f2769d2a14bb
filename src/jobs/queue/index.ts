export { adminTargets, fallbackTarget, readdress } from "./alert-fallback.js";
export { type AlertEnqueueReport, enqueueAlertIntents } from "./alert-jobs.js";
export { type AlertJobResult, type AlertProcessorDeps, createAlertProcessor } from "./alert-processor.js";
export { type ChannelPacer, createChannelPacer, slackPaceMs } from "./channel-pacer.js";
export {
  closeRedis,
  createRedis,
  queueLocation,
  RedisNotConfiguredError,
  redisUrlFrom,
} from "./connection.js";
export * from "./job-data.js";
export {
  createJobQueues,
  DEFAULT_QUEUE_PREFIX,
  DEFAULT_RECONCILE_DEBOUNCE_MS,
  type JobQueues,
  type JobQueuesOptions,
  queuesByName,
  type WritebackRequest,
} from "./job-queues.js";
export * from "./processors.js";
export { type RecipientOrder, recipientOrder } from "./recipient-order.js";
export { createRedisWatch, isRedisConnectionError, type RedisWatch, type WatchLog } from "./redis-watch.js";
export { type SchedulerReport, upsertSyncSchedulers } from "./schedulers.js";
export * from "./sink-errors.js";
export {
  createSinkOutage,
  DEFAULT_OUTAGE_BACKOFF,
  type OutageBackoff,
  type SinkOutage,
} from "./sink-outage.js";
export * from "./workers.js";
