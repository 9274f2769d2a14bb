import type { AlertIntent } from "../../alerts/index.js";
import type { ConflictRepository } from "../../store/index.js";
import type { AlertJob } from "./job-data.js";

/**
 * A message that waited (quiet hours, a digest's hour, a rate limit) must not announce a conflict that cleared
 * meanwhile: intents opening or worsening a conflict the store now holds as resolved are dropped at send time.
 * Their keys never reach the ledger, so the recipient counts as never told, which is what happened: the next
 * reconcile plans no "cleared" note for them. Null when nothing is left to say.
 */
export async function withoutCleared(
  conflicts: Pick<ConflictRepository, "get">,
  job: AlertJob,
): Promise<AlertJob | null> {
  const fingerprints = new Set([...job.batch.intents, ...job.absorbed].map((i) => i.conflict.fingerprint));
  const cleared = new Set<string>();
  for (const fp of fingerprints) if ((await conflicts.get(fp))?.status === "resolved") cleared.add(fp);
  const isCleared = (intent: AlertIntent): boolean =>
    intent.kind !== "resolved" && cleared.has(intent.conflict.fingerprint);
  const intents = job.batch.intents.filter((i) => !isCleared(i));
  if (intents.length === job.batch.intents.length && !job.absorbed.some(isCleared)) return job;
  if (intents.length === 0) return null;
  const dropped = new Set([...job.batch.intents, ...job.absorbed].filter(isCleared).map((i) => i.key));
  return {
    batch: { ...job.batch, intents, keys: job.batch.keys.filter((k) => !dropped.has(k)) },
    absorbed: job.absorbed.filter((i) => !dropped.has(i.key)),
  };
}
