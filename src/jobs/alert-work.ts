import { SOURCE_LABELS } from "../../connectors/registry.js";
import {
  type AlertBatch,
  type AlertIntent,
  type AlertSink,
  buildDigest,
  type ConflictState,
  mergeForRecipient,
  owedDiff,
  planAlerts,
  renderAlert,
} from "../alerts/index.js";
import type { Action, ConflictDiff, Directory, Kpi } from "../model/index.js";
import { SightlineError } from "../model/index.js";
import { alertDeliveries } from "../ops/metrics.js";
import type { AlertLedgerEntryInput } from "../store/index.js";
import type { AppContext } from "./app-context.js";
import { deliveringChannels } from "./delivering-channels.js";
import { dueEscalations } from "./escalation-work.js";
import { loadLedgerView } from "./ledger-view.js";

/** What planning reads from the store; a reconcile that just read it passes it on instead. */
export interface PlanData {
  actions: readonly Action[];
  directory: Directory;
  kpis: readonly Kpi[];
}

export interface AlertRunReport {
  planned: number;
  /** Messages sent or edited (one per batch). */
  delivered: number;
  /** Batches whose every intent was already in the ledger (a retried job, a re-run). */
  alreadySent: number;
}

export class NoSinkError extends SightlineError {
  constructor(target: string) {
    super("no_alert_sink", `no alert sink accepts target ${target}`);
  }
}

/**
 * Plans who hears what about a diff. Everything already heard is skipped by the ledger, so planning the same
 * diff again never repeats a message.
 */
export async function planFromDiff(
  ctx: AppContext,
  diff: ConflictDiff,
  loaded: Partial<PlanData> = {},
): Promise<AlertIntent[]> {
  const { store, config } = ctx;
  const states: ReadonlyMap<string, ConflictState> = await store.conflicts.states();
  const inDiff = new Set(
    [...diff.opened, ...diff.changed.map((c) => c.after), ...diff.resolved].map((c) => c.fingerprint),
  );
  const actions = new Map<string, Action>(
    (loaded.actions ?? (await store.actions.list({ includeRemoved: true }))).map((a) => [a.id, a]),
  );
  const ledger = await loadLedgerView(store.alerts, [...inDiff]);
  return planAlerts({
    diff,
    escalations: await dueEscalations(ctx),
    escalationChannel: config.alerts.escalationChannel,
    states,
    ledger,
    directory: loaded.directory ?? (await store.directory.load()),
    kpis: loaded.kpis ?? (await store.directory.loadKpis()),
    actionsById: (id) => actions.get(id) ?? null,
    sourceLabels: SOURCE_LABELS,
    settings: {
      adminChannel: config.alerts.adminChannel ?? config.alerts.adminEmail,
      adminEmail: config.alerts.adminEmail,
      channels: deliveringChannels(config, ctx.env),
      quietHours: config.alerts.quietHours,
      digestTime: config.alerts.digest.time,
      materialDays: config.alerts.materialDays,
      orgTimeZone: config.organisation.timeZone,
    },
    now: ctx.now(),
  });
}

/**
 * The alerts the outbox still owes (every conflict change recorded and not yet announced, whoever recorded it
 * and however its process ended), planned. `ids` are the outbox rows to mark announced once they are out.
 */
export async function planOwed(
  ctx: AppContext,
  loaded: Partial<PlanData> = {},
): Promise<{ intents: AlertIntent[]; ids: number[] }> {
  const { diff, ids } = owedDiff(await ctx.store.conflicts.owedChanges());
  // Escalations are due by the clock, not by a change: planned even when the outbox owes nothing.
  return { intents: await planFromDiff(ctx, diff, loaded), ids };
}

/** The ledger row of one intent: claimed (`pending`) before a send, or recorded `failed` when it cannot go. */
export function ledgerEntry(
  intent: AlertIntent,
  channel: string,
  status: AlertLedgerEntryInput["status"],
  at: string,
): AlertLedgerEntryInput {
  return {
    key: intent.key,
    fingerprint: intent.conflict.fingerprint,
    recipient: intent.recipientKey,
    changeKey: intent.changeKey,
    channel,
    status,
    sentAt: at,
  };
}

/**
 * Delivers one batch through the first sink that accepts its target. The ledger is claimed before sending so
 * a concurrent or retried attempt backs off; the message ref is stored afterwards for later edits.
 */
export async function deliverBatch(
  ctx: AppContext,
  batch: AlertBatch,
  byKey: ReadonlyMap<string, AlertIntent>,
  sinks: readonly AlertSink[],
): Promise<"delivered" | "already_sent"> {
  const ledger = ctx.store.alerts;
  const sink = sinks.find((s) => s.accepts(batch.recipient.target));
  if (!sink) throw new NoSinkError(JSON.stringify(batch.recipient.target));
  const now = ctx.now();
  const claimed: string[] = [];
  for (const key of batch.keys) {
    const intent = byKey.get(key);
    if (!intent) continue;
    const won = await ledger.record(ledgerEntry(intent, sink.name, "pending", now));
    if (won) claimed.push(key);
  }
  if (claimed.length === 0) {
    alertDeliveries.inc({ sink: sink.name, outcome: "already_sent" });
    return "already_sent";
  }
  const rendered = renderAlert(batch);
  const previous = batch.mode === "update" ? batch.intents[0]?.updateMessageRef : null;
  let messageRef: string | null;
  try {
    ({ messageRef } = previous
      ? await sink.update(batch, previous, rendered)
      : await sink.deliver(batch, rendered));
  } catch (error) {
    // Nothing left: release the claims so the next attempt (a job retry, the next run) sends it.
    for (const key of claimed) await ledger.release(key);
    alertDeliveries.inc({ sink: sink.name, outcome: "failed" });
    throw error;
  }
  for (const key of claimed) {
    await ledger.update(key, {
      status: "sent",
      messageRef: messageRef === null ? null : { ref: messageRef },
      now,
    });
  }
  alertDeliveries.inc({ sink: sink.name, outcome: "delivered" });
  return "delivered";
}

/**
 * The in-process `alert` step: what the outbox owes, planned, merged per recipient, delivered; then the
 * outbox rows are marked announced. A sink that fails leaves them owed (the next run sends what is left; the
 * ledger keeps what went out from going twice). People who prefer a digest get theirs in the same run here
 * (the embedded default has no scheduler); the queue runner holds them for digest time.
 */
export async function alertOwed(
  ctx: AppContext,
  sinks: readonly AlertSink[],
  loaded: Partial<PlanData> = {},
): Promise<AlertRunReport> {
  const { intents, ids } = await planOwed(ctx, loaded);
  const byKey = new Map(intents.map((i) => [i.key, i]));
  const { batches, digest } = mergeForRecipient(intents);
  const digestPeople = [...new Set(digest.map((i) => i.recipient.personId).filter((p) => p !== null))].sort();
  for (const id of digestPeople) {
    const batch = buildDigest(digest, { id });
    if (batch) batches.push(batch);
  }
  const report: AlertRunReport = { planned: intents.length, delivered: 0, alreadySent: 0 };
  for (const batch of batches) {
    const outcome = await deliverBatch(ctx, batch, byKey, sinks);
    if (outcome === "delivered") report.delivered++;
    else report.alreadySent++;
  }
  await ctx.store.conflicts.markAnnounced(ids, ctx.now());
  return report;
}
