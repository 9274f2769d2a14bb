import type { Queue } from "bullmq";
import type { Redis } from "ioredis";

/**
 * Messages to one recipient leave in the order they were due, however their jobs were retried, held through an
 * outage or fetched by concurrent workers (BullMQ puts a job it moves back to wait at the head of the list, so
 * queue order alone reverses jobs that failed together). Each alert job is listed, at enqueue, in a sorted set
 * per recipient scored by its due time; a job sends only when it heads its recipient's list, and leaves the
 * list once it is done. A head whose job no longer exists, or ended (completed or failed for good), is dropped
 * when found, so a job lost to an operator's cleanup never blocks the ones behind it.
 * https://redis.io/docs/latest/develop/data-types/sorted-sets/
 */
export interface RecipientOrder {
  /** Lists a job before it is added (so a worker never sees it unlisted); a job id listed already keeps its place. */
  enlist(recipientKey: string, jobId: string, dueAtMs: number): Promise<void>;
  /** 0 when the job may send now; else how many jobs to that recipient must go first. */
  ahead(recipientKey: string, jobId: string): Promise<number>;
  done(recipientKey: string, jobId: string): Promise<void>;
}

const ENDED = new Set(["completed", "failed", "unknown"]);
// Scores are due time × 1000 plus a sequence, so jobs due in the same millisecond keep their enqueue order
// (members with equal scores would sort by job id, a hash). Below 2^53 until the year 2255.
const SEQUENCE_SPAN = 1000;

export function recipientOrder(redis: Redis, queue: Queue): RecipientOrder {
  const keyOf = (recipientKey: string) => queue.toKey(`order:${recipientKey}`);
  const sequenceKey = queue.toKey("order-seq");
  return {
    async enlist(recipientKey, jobId, dueAtMs) {
      // https://redis.io/docs/latest/commands/incr/ , https://redis.io/docs/latest/commands/zadd/ (NX)
      const seq = (await redis.incr(sequenceKey)) % SEQUENCE_SPAN;
      await redis.zadd(keyOf(recipientKey), "NX", Math.floor(dueAtMs) * SEQUENCE_SPAN + seq, jobId);
    },
    async ahead(recipientKey, jobId) {
      const key = keyOf(recipientKey);
      for (;;) {
        // https://redis.io/docs/latest/commands/zrange/
        const [head] = await redis.zrange(key, "0", "0");
        // Not listed (enqueued before this index existed): nothing to wait for.
        if (head === undefined || head === jobId) return 0;
        // https://api.docs.bullmq.io/classes/v6.Queue.html#getjobstate
        if (!ENDED.has(await queue.getJobState(head))) {
          const rank = await redis.zrank(key, jobId);
          return rank === null ? 0 : rank;
        }
        await redis.zrem(key, head);
      }
    },
    async done(recipientKey, jobId) {
      await redis.zrem(keyOf(recipientKey), jobId);
    },
  };
}
