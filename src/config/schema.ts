import { z } from "zod";
import { KpiSchema, PersonSchema, TeamEntrySchema } from "../model/index.js";
import { ClockTimeSchema, CurrencySchema, EnvVarNameSchema, TimeZoneSchema } from "../sync/config-values.js";
import type { ConfigContext } from "./registry.js";

/** Where the embedded SQLite database lives unless the config (or `--db`) says otherwise. */
export const DEFAULT_DATABASE_PATH = ".sightline/sightline.db";

/** A PostgreSQL URL in the config file: the password is never written there (passwordEnv names its variable). */
const DatabaseUrlSchema = z
  .string()
  .regex(/^postgres(ql)?:\/\//i, "expected a postgres:// URL such as postgres://sightline@db:5432/sightline")
  .superRefine((url, check) => {
    let password = "";
    try {
      password = new URL(url).password;
    } catch {
      check.addIssue({
        code: "custom",
        message: "expected a URL such as postgres://sightline@db:5432/sightline",
      });
      return;
    }
    if (password !== "") {
      check.addIssue({
        code: "custom",
        message:
          "expected a URL without a password: name the variable that holds it with database.passwordEnv, or set SIGHTLINE_DATABASE_URL",
        // The message must not repeat the value: it holds the password.
        params: { secret: true },
      });
    }
  });

export const ConnectorIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/i, "expected an id of letters, digits, - and _ such as jira-eng");

/** A path in the config: relative ones are resolved against the config file's folder. */
export function pathSchema(ctx: ConfigContext) {
  return z
    .string()
    .trim()
    .min(1, "expected a file path")
    .transform((p) => ctx.resolvePath(p));
}

const nullable = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((v): z.output<T> | null => v ?? null);

/** Fields every connector instance has, whatever its kind. */
const connectorBase = {
  id: ConnectorIdSchema,
  enabled: z.boolean().default(true),
  /** How often the job runner syncs the instance; null = only on demand (CLI, webhooks). */
  syncEveryMinutes: nullable(z.number().int().min(1).max(10_080)),
  /** Per-instance overrides of the mass-deletion guard (see src/sync/guard.ts for the defaults). */
  deletionGuard: nullable(
    z.strictObject({
      maxFraction: z.number().min(0).max(1).optional(),
      minAbsolute: z.number().int().min(0).optional(),
    }),
  ),
};

/** The keys every instance has; the rest are its kind's options, validated by the kind's own schema. */
const connectorInstanceSchema = z.looseObject({ ...connectorBase, kind: z.string().trim().min(1) });

/** The keys of an instance besides the shared ones: what its kind's schema validates. */
export function connectorOptions(c: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { id: _i, kind: _k, enabled: _e, syncEveryMinutes: _s, deletionGuard: _d, ...options } = c;
  return options;
}

/** Instances are told apart by `kind`, one of the registered kinds; each kind validates its own options. */
export function connectorsSchema(kinds: readonly string[]) {
  const instance = connectorInstanceSchema.superRefine((c, check) => {
    if (!kinds.includes(c.kind))
      check.addIssue({
        code: "custom",
        path: ["kind"],
        message: `unknown connector kind "${c.kind}" (known kinds: ${kinds.join(", ") || "none registered"})`,
      });
  });
  return z.array(instance).superRefine((list, check) => {
    const firstIndex = new Map<string, number>();
    list.forEach((c, i) => {
      const first = firstIndex.get(c.id);
      if (first === undefined) firstIndex.set(c.id, i);
      else
        check.addIssue({
          code: "custom",
          path: [i, "id"],
          message: `duplicate connector id (already used by connectors[${first}])`,
        });
    });
  });
}

export const OrganisationSchema = z.strictObject({
  name: z.string().trim().min(1),
  /** The zone calendar dates are read in: "today", due dates written without a zone. */
  timeZone: TimeZoneSchema,
  currency: CurrencySchema.default("EUR"),
});

export const AlertsSchema = z
  .strictObject({
    /** Slack channel (`#sightline-admin` or an id) for alerts nobody else can receive. */
    adminChannel: nullable(z.string().trim().min(1)),
    adminEmail: nullable(z.string().trim().toLowerCase().pipe(z.email())),
    /** A schedule conflict this many days short (or more) is critical. */
    criticalDaysShort: z.number().int().min(1).default(14),
    /** A conflict with this much value at risk (or more) is critical; null = days short alone decides. */
    criticalValueAtRisk: nullable(z.number().nonnegative()),
    /**
     * Days short must grow by at least this much (or the severity rise) before people hear about a conflict
     * again, so an overdue dependency creeping one day a day does not send a message a day.
     */
    materialDays: z.number().int().min(1).default(3),
    /**
     * Working hours (alerts.workingTime, in the organisation's zone) a conflict may go unanswered; past them
     * the weekly report lists it, with who has not answered.
     */
    escalateAfterHours: z.number().positive().default(24),
    /** Where an unanswered conflict is escalated when its KPIs have no reachable owner: a Slack channel or an e-mail. */
    escalationChannel: nullable(z.string().trim().min(1)),
    /** The organisation's working days (1 = Monday … 7 = Sunday) and hours, for escalation delays. */
    workingTime: z
      .strictObject({
        days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
        start: ClockTimeSchema.default("09:00"),
        end: ClockTimeSchema.default("18:00"),
      })
      .refine((w) => w.start < w.end, { message: "start must be before end", path: ["end"] })
      .prefault({}),
    /** When people who prefer a digest receive it, in their own time zone. */
    digest: z.strictObject({ time: ClockTimeSchema.default("09:00") }).prefault({}),
    /** No single messages between these local times (they wait for the end of the window). */
    quietHours: nullable(z.strictObject({ start: ClockTimeSchema, end: ClockTimeSchema })),
  })
  .prefault({});

export const ReconcileSchema = z
  .strictObject({
    /**
     * Forecast from reality: a not-started (todo) action whose planned start has passed is forecast to start
     * today, keeping its duration. false: it is assumed able to start as planned until its due date passes.
     */
    forecastUnstarted: z.boolean().default(true),
  })
  .prefault({});

/** KPIs without a currency are in the organisation's. */
function kpiSchema(currency: string) {
  return z.preprocess(
    (v) => (v !== null && typeof v === "object" && !("currency" in v) ? { ...v, currency } : v),
    KpiSchema,
  );
}

export function kpiCatalogSchema(currency: string) {
  return z.array(kpiSchema(currency)).superRefine((list, check) => {
    uniqueBy(list, (k) => k.key, "KPI key", "key", check);
  });
}

export const PeopleSchema = z.array(PersonSchema).superRefine((list, check) => {
  uniqueBy(list, (p) => p.id, "person id", "id", check);
  list.forEach((p, i) => {
    if (p.timeZone !== null && TimeZoneSchema.safeParse(p.timeZone).success === false)
      check.addIssue({ code: "custom", path: [i, "timeZone"], message: "expected an IANA time zone" });
  });
});

export const TeamsSchema = z.array(TeamEntrySchema).superRefine((list, check) => {
  uniqueBy(list, (t) => t.name.toLowerCase(), "team name", "name", check);
});

function uniqueBy<T>(
  list: readonly T[],
  keyOf: (item: T) => string,
  what: string,
  field: string,
  check: z.RefinementCtx,
): void {
  const first = new Map<string, number>();
  list.forEach((item, i) => {
    const key = keyOf(item);
    const at = first.get(key);
    if (at === undefined) first.set(key, i);
    else
      check.addIssue({
        code: "custom",
        path: [i, field],
        message: `duplicate ${what} (same as entry [${at}])`,
      });
  });
}

/** The whole file; `currency` is the organisation's, read before the rest so KPIs can default to it. */
export function configSchema(ctx: ConfigContext, currency: string, kinds: readonly string[]) {
  return z.looseObject({
    organisation: OrganisationSchema,
    database: z
      .strictObject({
        path: pathSchema(ctx).default(ctx.resolvePath(DEFAULT_DATABASE_PATH)),
        /** PostgreSQL instead of the SQLite file: `postgres://user@host:5432/db`, without its password. */
        url: DatabaseUrlSchema.nullable().default(null),
        /** The variable holding the PostgreSQL password (or the whole URL in SIGHTLINE_DATABASE_URL). */
        passwordEnv: EnvVarNameSchema.nullable().default(null),
      })
      .prefault({}),
    directory: z
      .strictObject({
        file: nullable(pathSchema(ctx)),
        people: PeopleSchema.default([]),
        teams: TeamsSchema.default([]),
      })
      .prefault({}),
    kpis: z
      .strictObject({ file: nullable(pathSchema(ctx)), catalog: kpiCatalogSchema(currency).default([]) })
      .prefault({}),
    connectors: connectorsSchema(kinds).default([]),
    alerts: AlertsSchema,
    reconcile: ReconcileSchema,
  });
}

export type OrganisationConfig = z.output<typeof OrganisationSchema>;
export type AlertsConfig = z.output<typeof AlertsSchema>;
export type ReconcileConfig = z.output<typeof ReconcileSchema>;
/** A connector instance: the shared keys, and its kind's (validated) options as the other fields. */
export type ConnectorConfig = z.output<typeof connectorInstanceSchema> & Record<string, unknown>;
