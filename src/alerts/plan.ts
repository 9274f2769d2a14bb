import { z } from "zod";
import {
  type Conflict,
  type ConflictDiff,
  type Directory,
  type Kpi,
  SightlineError,
  severityRank,
  ValidationError,
} from "../model/index.js";
import {
  escalatedChangeKey,
  intentKey,
  isResolvedChangeKey,
  isWorse,
  materialChangeKey,
  parseChangeKey,
  resolvedChangeKey,
} from "./change-key.js";
import {
  type AlertIntent,
  type AlertKind,
  type AlertLedgerView,
  type AlertSettings,
  type AlertSettingsInput,
  AlertSettingsSchema,
  type ConflictState,
  type HeardFacts,
  type LedgerEntry,
  roleRank,
} from "./intent.js";
import {
  type ActionSummary,
  compare,
  escalationRoute,
  type RoutedRecipient,
  type RoutingContext,
  routeConflict,
} from "./recipients.js";
import { buildAlertView } from "./view.js";
import { assertTimeZone, nextLocalTime, quietHoursEnd } from "./zoned-time.js";

export interface PlanInput {
  diff: ConflictDiff;
  /** Conflict status by fingerprint (acknowledged / snoozed come from people acting on messages). */
  states: ReadonlyMap<string, ConflictState>;
  ledger: AlertLedgerView;
  directory: Directory;
  kpis: readonly Kpi[];
  actionsById: (id: string) => ActionSummary | null;
  settings: AlertSettingsInput;
  /** ISO instant of this planning run. */
  now: string;
  /**
   * Conflicts nobody answered within the escalation delay (the caller measures it in working hours): each is
   * escalated once to its KPI owners, else to `escalationChannel`, else the admins.
   */
  escalations?: readonly { conflict: Conflict; workingHours: number }[];
  escalationChannel?: string | null;
  /** How each source kind's tool is called (connectors/registry.ts SOURCE_LABELS); the kind itself otherwise. */
  sourceLabels?: Readonly<Record<string, string>>;
}

const NowSchema = z.iso.datetime({ offset: true });
const KIND_ORDER: Record<AlertKind, number> = { opened: 0, changed: 1, escalated: 2, resolved: 3 };

function isQuiet(state: ConflictState | undefined, now: string): boolean {
  if (!state) return false;
  if (state.status === "acknowledged") return true;
  // A snooze without an end stays in force until someone lifts it.
  if (state.status === "snoozed")
    return state.snoozedUntil === null || Date.parse(state.snoozedUntil) > Date.parse(now);
  return false;
}

/**
 * Whether this recipient must be told about the conflict as it is now. Not quiet: when they never heard of
 * it, heard it cleared, or it got worse than what they last heard. Quiet (acknowledged, snoozed): only when it
 * got worse than what they last heard (for a recipient new to it, worse than before this change).
 */
function mustNotify(
  conflict: Conflict,
  before: Conflict | null,
  heard: LedgerEntry | null,
  quiet: boolean,
  materialDays: number,
): { notify: boolean; heardLive: boolean; heardFacts: HeardFacts | null } {
  const worse = (facts: HeardFacts) => isWorse(conflict, facts, materialDays);
  const heardFacts = heard ? parseChangeKey(heard.changeKey) : null;
  const heardLive = heard !== null && !isResolvedChangeKey(heard.changeKey);
  let notify: boolean;
  if (quiet) notify = heardFacts ? worse(heardFacts) : before ? worse(before) : false;
  else notify = !heardLive || heardFacts === null || worse(heardFacts);
  return { notify, heardLive, heardFacts };
}

function checkZone(r: RoutedRecipient): void {
  if (!r.recipient.timeZone) return;
  try {
    assertTimeZone(r.recipient.timeZone);
  } catch (cause) {
    const who = r.person ? `directory person "${r.person.id}" timeZone` : "alert settings orgTimeZone";
    throw new ValidationError(who, [`"${r.recipient.timeZone}" is not an IANA time zone`], { cause });
  }
}

function timing(
  r: RoutedRecipient,
  kind: AlertKind,
  updateMessageRef: string | null,
  settings: AlertSettings,
  now: string,
): { digest: boolean; deliverAfter: string | null } {
  const tz = r.recipient.timeZone;
  const personal = r.person !== null && tz !== null;
  if (!personal || !tz) return { digest: false, deliverAfter: null };
  if (r.person?.alertPreference === "digest") {
    return { digest: true, deliverAfter: nextLocalTime(now, tz, settings.digestTime) };
  }
  // Editing a Slack message into "cleared" pings nobody; anything that arrives as a new message waits.
  const pings = kind !== "resolved" || updateMessageRef === null || r.recipient.target.channel === "email";
  if (!pings || !settings.quietHours) return { digest: false, deliverAfter: null };
  return { digest: false, deliverAfter: quietHoursEnd(now, tz, settings.quietHours) };
}

/**
 * Decides who hears what from one reconcile diff. Pure: the ledger view, the statuses and the clock are
 * inputs. Re-running it over the same inputs gives the same intents with the same keys; once the ledger
 * records them, it gives none.
 */
export function planAlerts(input: PlanInput): AlertIntent[] {
  const settingsParsed = AlertSettingsSchema.safeParse(input.settings);
  if (!settingsParsed.success) {
    throw new ValidationError(
      "alert settings",
      settingsParsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
    );
  }
  const settings = settingsParsed.data;
  if (!NowSchema.safeParse(input.now).success) {
    throw new SightlineError(
      "invalid_now",
      `planAlerts: now must be an ISO instant, got ${JSON.stringify(input.now)}`,
    );
  }
  assertTimeZone(settings.orgTimeZone);
  const ctx: RoutingContext = {
    directory: input.directory,
    kpis: input.kpis,
    actionsById: input.actionsById,
    adminChannel: settings.adminChannel,
    adminEmail: settings.adminEmail,
    channels: settings.channels,
    orgTimeZone: settings.orgTimeZone,
    sourceLabels: input.sourceLabels ?? {},
  };
  const intents: AlertIntent[] = [];
  const add = (
    conflict: Conflict,
    r: RoutedRecipient,
    kind: AlertKind,
    changeKey: string,
    heard: LedgerEntry | null,
    updateMessageRef: string | null,
    previous: HeardFacts | null,
  ) => {
    const key = intentKey(conflict.fingerprint, r.recipientKey, changeKey, heard?.key ?? null);
    if (input.ledger.has(key)) return;
    checkZone(r);
    intents.push({
      key,
      kind,
      changeKey,
      recipientKey: r.recipientKey,
      conflict,
      recipient: structuredClone(r.recipient),
      role: r.role,
      updateMessageRef,
      ...timing(r, kind, updateMessageRef, settings, input.now),
      view: buildAlertView(conflict, input.states.get(conflict.fingerprint), previous, ctx),
    });
  };

  const live: { conflict: Conflict; before: Conflict | null }[] = [
    ...input.diff.opened.map((conflict) => ({ conflict, before: null })),
    ...input.diff.changed.map(({ before, after }) => ({ conflict: after, before })),
  ];
  for (const { conflict, workingHours } of input.escalations ?? []) {
    // Once per recipient: the key does not chain on what they heard before, so a later run finds it recorded.
    const changeKey = escalatedChangeKey(materialChangeKey(conflict));
    const owners = [conflict.actionId, conflict.dependencyId].map((id) =>
      id ? input.actionsById(id)?.owner : null,
    );
    const by = [
      ...new Set(
        owners.map((p) => (p ? (input.directory.people.find((x) => x.id === p)?.name ?? p) : "nobody")),
      ),
    ];
    for (const r of escalationRoute(conflict, ctx, input.escalationChannel ?? null)) {
      const key = intentKey(conflict.fingerprint, r.recipientKey, "escalated", null);
      if (input.ledger.has(key)) continue;
      checkZone(r);
      const view = buildAlertView(conflict, input.states.get(conflict.fingerprint), null, ctx);
      intents.push({
        key,
        kind: "escalated",
        changeKey,
        recipientKey: r.recipientKey,
        conflict,
        recipient: structuredClone(r.recipient),
        role: r.role,
        updateMessageRef: null,
        ...timing(r, "escalated", null, settings, input.now),
        view: { ...view, unanswered: { workingHours, by } },
      });
    }
  }
  for (const { conflict, before } of live) {
    const quiet = isQuiet(input.states.get(conflict.fingerprint), input.now);
    const changeKey = materialChangeKey(conflict);
    for (const r of routeConflict(conflict, ctx)) {
      const heard = input.ledger.lastFor(conflict.fingerprint, r.recipientKey);
      if (heard?.changeKey === changeKey) continue; // an unchanged re-detection
      const { notify, heardLive, heardFacts } = mustNotify(
        conflict,
        before,
        heard,
        quiet,
        settings.materialDays,
      );
      if (!notify) continue;
      add(
        conflict,
        r,
        heardLive ? "changed" : "opened",
        changeKey,
        heard,
        heardLive ? (heard?.messageRef ?? null) : null,
        heardLive ? heardFacts : null,
      );
    }
  }
  for (const conflict of input.diff.resolved) {
    for (const r of routeConflict(conflict, ctx)) {
      const heard = input.ledger.lastFor(conflict.fingerprint, r.recipientKey);
      // Only someone who was told it is open needs telling it cleared.
      if (!heard || isResolvedChangeKey(heard.changeKey)) continue;
      add(
        conflict,
        r,
        "resolved",
        resolvedChangeKey(heard.changeKey),
        heard,
        heard.messageRef,
        parseChangeKey(heard.changeKey),
      );
    }
  }
  return intents.sort(compareIntents);
}

/** Cleared last; otherwise most severe first, grouped by conflict, most specific role first. */
export function compareIntents(a: AlertIntent, b: AlertIntent): number {
  return (
    Number(a.kind === "resolved") - Number(b.kind === "resolved") ||
    severityRank(b.conflict.severity) - severityRank(a.conflict.severity) ||
    compare(a.conflict.fingerprint, b.conflict.fingerprint) ||
    roleRank(a.role) - roleRank(b.role) ||
    compare(a.recipientKey, b.recipientKey) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind]
  );
}
