import { z } from "zod";
import { CalendarDateSchema, ConflictSchema, ConflictTypeSchema, SeveritySchema } from "../model/index.js";

/**
 * Where one alert goes. `unrouted` exists so that a conflict nobody can be told about (no reachable owner and
 * no admin channel configured) still produces an intent the console/log sink prints, instead of vanishing.
 */
export const AlertTargetSchema = z.discriminatedUnion("channel", [
  z.object({ channel: z.literal("slack-dm"), to: z.string().min(1) }),
  z.object({ channel: z.literal("slack-channel"), to: z.string().min(1) }),
  z.object({ channel: z.literal("email"), to: z.string().min(1) }),
  z.object({ channel: z.literal("unrouted"), to: z.null() }),
]);
export type AlertTarget = z.infer<typeof AlertTargetSchema>;

/** Most specific first: a person holding several roles for one conflict hears it once, in the first role. */
export const ALERT_ROLES = [
  "dependent_owner",
  "dependency_owner",
  "root_cause_owner",
  "kpi_owner",
  "involved",
  "fallback",
] as const;
export const AlertRoleSchema = z.enum(ALERT_ROLES);
export type AlertRole = z.infer<typeof AlertRoleSchema>;

export function roleRank(role: AlertRole): number {
  return ALERT_ROLES.indexOf(role);
}

export const AlertRecipientSchema = z.object({
  /** The person the message is for; null for the admin fallback. */
  personId: z.string().nullable(),
  name: z.string().nullable(),
  /** Everyone this target speaks for (a team channel can stand in for several people without Slack). */
  personIds: z.array(z.string()),
  target: AlertTargetSchema,
  /** The zone quiet hours and digests were computed in. */
  timeZone: z.string().nullable(),
});
export type AlertRecipient = z.infer<typeof AlertRecipientSchema>;

export const ActionViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  sourceKind: z.string().nullable(),
  /** The tool's name ("Google Sheets"), from the connector registry; absent in intents stored before it. */
  sourceLabel: z.string().nullable().optional(),
  sourceInstance: z.string().nullable(),
  ownerName: z.string().nullable(),
  team: z.string().nullable(),
});
export type ActionView = z.infer<typeof ActionViewSchema>;

export const KpiViewSchema = z.object({
  key: z.string(),
  name: z.string(),
  objective: z.string().nullable(),
  costOfDelayPerDay: z.number().nonnegative(),
  currency: z.string(),
});
export type KpiView = z.infer<typeof KpiViewSchema>;

/** The material facts a recipient last heard, to say "was 10 days short, now 24". */
export const HeardFactsSchema = z.object({
  severity: SeveritySchema,
  daysShort: z.number().int().nonnegative().nullable(),
});
export type HeardFacts = z.infer<typeof HeardFactsSchema>;

/**
 * Everything a renderer needs, resolved at planning time so an alert job renders without touching the store
 * (and renders the same on a retry).
 */
export const AlertViewSchema = z.object({
  fingerprint: z.string(),
  type: ConflictTypeSchema,
  severity: SeveritySchema,
  message: z.string(),
  action: ActionViewSchema.nullable(),
  dependency: ActionViewSchema.nullable(),
  rootCause: ActionViewSchema.nullable(),
  /** Every action involved besides the three above (a cycle's members, a mirror). */
  others: z.array(ActionViewSchema),
  path: z.array(z.object({ id: z.string(), title: z.string() })),
  plannedDate: CalendarDateSchema.nullable(),
  earliestDate: CalendarDateSchema.nullable(),
  /** The latest date the dependency may finish for the dependent's plan to hold (reconciler fact). */
  neededBy: CalendarDateSchema.nullable(),
  /** False when the dependency cannot make neededBy any more: its owner is asked to propose, not to commit. */
  neededByReachable: z.boolean().default(true),
  daysShort: z.number().int().nonnegative().nullable(),
  kpis: z.array(KpiViewSchema),
  valueAtRisk: z.number().nonnegative(),
  /** The currency of the value at risk; null when the KPIs mix currencies (then only per-KPI sums are shown). */
  currency: z.string().nullable(),
  status: z.enum(["open", "acknowledged", "snoozed"]),
  snoozedUntil: z.string().nullable(),
  previous: HeardFactsSchema.nullable(),
  /** For an escalation: how long it has gone unanswered and by whom (names, or "nobody" for no owner). */
  unanswered: z
    .object({ workingHours: z.number(), by: z.array(z.string()) })
    .nullable()
    .default(null),
});
export type AlertView = z.infer<typeof AlertViewSchema>;

/** `escalated`: nobody answered in time; the KPI owner (or the escalation channel) hears who has not. */
export const AlertKindSchema = z.enum(["opened", "changed", "resolved", "escalated"]);
export type AlertKind = z.infer<typeof AlertKindSchema>;

/**
 * One message to one recipient about one conflict. JSON-serialisable and validated by this schema when it
 * crosses a queue boundary.
 */
export const AlertIntentSchema = z.object({
  /** Idempotency key: the alert ledger's primary key and the queue job id (no `:`, never numeric). */
  key: z.string().regex(/^al_[0-9a-f]{40}$/),
  kind: AlertKindSchema,
  /** The ledger's change key: the material facts this message reports (`resolved|...` once cleared). */
  changeKey: z.string().min(1),
  /** The ledger's recipient key (see recipientKey). */
  recipientKey: z.string().min(1),
  conflict: ConflictSchema,
  recipient: AlertRecipientSchema,
  role: AlertRoleSchema,
  /**
   * The recipient's earlier message about this conflict. For `resolved`: the message to edit into "cleared"
   * (null when it cannot be edited, e.g. an e-mail: then a short new note is due). For `changed`: the message
   * the new one supersedes, which a sink may edit to point at the new one.
   */
  updateMessageRef: z.string().nullable(),
  /** Not before this ISO instant (quiet hours, digest time); null = now. */
  deliverAfter: z.iso.datetime({ offset: true }).nullable(),
  /** The recipient asked for a daily digest: hold it for buildDigest instead of sending it alone. */
  digest: z.boolean(),
  view: AlertViewSchema,
});
export type AlertIntent = z.infer<typeof AlertIntentSchema>;

/** What the alert ledger already knows; the store implements it over the alert_ledger table. */
export interface AlertLedgerView {
  /** True when an alert with this key was already sent (or is in flight). */
  has(key: string): boolean;
  /** The latest ledger entry for (conflict, recipient), in the order they were recorded. */
  lastFor(fingerprint: string, recipientKey: string): LedgerEntry | null;
}

export interface LedgerEntry {
  key: string;
  changeKey: string;
  messageRef: string | null;
}

export const ConflictStateSchema = z.object({
  status: z.enum(["open", "acknowledged", "snoozed", "resolved"]),
  snoozedUntil: z.iso.datetime({ offset: true }).nullable(),
});
export type ConflictState = z.infer<typeof ConflictStateSchema>;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time of day HH:MM (24h)");

export const AlertSettingsSchema = z.object({
  /** Slack channel (id or #name) or e-mail address hearing what no owner can. */
  adminChannel: z.string().trim().min(1).nullable().default(null),
  /** The admins' e-mail, used when Slack cannot deliver (not configured) or adminChannel is unset. */
  adminEmail: z.string().trim().min(1).nullable().default(null),
  /**
   * Which sinks can deliver here (Slack: its bot token is set; e-mail: SMTP is set). Targets are chosen among
   * them when the intent is planned, so nobody's alert goes to a sink that does not exist. Neither: every
   * target is kept as configured and printed.
   */
  channels: z.object({ slack: z.boolean(), email: z.boolean() }).default({ slack: true, email: true }),
  /** Local quiet hours for people; a window that wraps midnight (22:00–08:00) is the usual case. */
  quietHours: z.object({ start: HHMM, end: HHMM }).nullable().default(null),
  /** Local time of day digests go out. */
  digestTime: HHMM.default("09:00"),
  /** Growth in days short that is worth a new message (severity rising always is). */
  materialDays: z.number().int().min(1).default(3),
  orgTimeZone: z.string().min(1),
});
export type AlertSettings = z.infer<typeof AlertSettingsSchema>;
export type AlertSettingsInput = z.input<typeof AlertSettingsSchema>;
