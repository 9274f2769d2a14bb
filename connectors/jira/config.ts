import { z } from "zod";
import { ValidationError } from "../../src/model/index.js";
import type { ConfigContext } from "../../src/sync/manifest.js";
import { hasOrderBy } from "./jql.js";

const envName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    "an environment variable name (letters, digits, _), not the secret itself",
  );

/**
 * Cloud: e-mail + API token (basic) or an OAuth 2.0 access token (bearer). Data Center: a personal access
 * token, sent as a bearer token. Only the names of environment variables live in the config file.
 */
export const JiraAuthSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("basic"), emailEnv: envName, tokenEnv: envName }),
  z.strictObject({ type: z.literal("bearer"), tokenEnv: envName }),
  z.strictObject({ type: z.literal("pat"), tokenEnv: envName }),
]);
export type JiraAuthConfig = z.infer<typeof JiraAuthSchema>;

const name = z.string().trim().min(1);

/** The options of a `jira` instance; `id`, `kind` and the shared keys belong to the config file's base. */
const optionsShape = {
  /** Site URL: `https://acme.atlassian.net`, a Data Center context path, a proxy or a test server. */
  baseUrl: z
    .url({
      protocol: /^https?$/,
      error: "baseUrl must be an http(s) URL such as https://acme.atlassian.net",
    })
    .transform((u) => u.replace(/\/+$/, "")),
  /**
   * Where people open issues, when baseUrl is an API gateway (OAuth 2.0 apps call
   * https://api.atlassian.com/ex/jira/<cloudId>); defaults to baseUrl.
   */
  siteUrl: z
    .url({ protocol: /^https?$/, error: "siteUrl must be an http(s) URL" })
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),
  deployment: z.enum(["cloud", "datacenter"]).default("cloud"),
  /** Required unless `recorded` is set (a replay needs no credentials). */
  auth: JiraAuthSchema.optional(),
  /**
   * Replay the recorded responses of this folder (its recording.yaml) instead of calling Jira: the demo, no
   * credentials and no network. A request the recording does not hold fails (see recorded-transport.ts).
   */
  recorded: name.optional(),
  /** The instance's scope. ORDER BY is added by the connector, so the JQL must not carry its own. */
  jql: z
    .string()
    .trim()
    .min(1, "jql must not be empty")
    .refine((q) => !hasOrderBy(q), "jql must not contain ORDER BY: the connector orders by updated, key"),
  /** Field NAME of the start date (its id differs per site and is looked up through /rest/api/3/field). */
  startDateField: name.default("Start date"),
  kpiFrom: z
    .strictObject({
      /** Labels like `kpi:activation` give KPI `activation`. */
      labelsPrefix: name.optional(),
      /** A custom field (by name) whose value(s) are KPI keys. */
      customFieldName: name.optional(),
      /** Component names are KPI keys. */
      components: z.boolean().default(false),
    })
    .default({ components: false }),
  /** The first of these that yields a value wins, in this order. */
  teamFrom: z
    .strictObject({
      customFieldName: name.optional(),
      labelsPrefix: name.optional(),
      /** The first component is the team. */
      components: z.boolean().default(false),
      /** Every issue of this instance belongs to this team. */
      fixed: name.optional(),
    })
    .default({ components: false }),
  businessUnit: name.optional(),
  /** Program: the parent's summary (an epic's name reads well in roll-ups), its key, or nothing. */
  programFrom: z.enum(["parentSummary", "parentKey", "none"]).default("parentSummary"),
  linkType: name.default("Blocks"),
  /**
   * Which end of a link of `linkType` an issue depends on. For "Blocks" (outward "blocks", inward "is
   * blocked by") an issue depends on the issue shown as its `inwardIssue`. A type like "Depends" (outward
   * "depends on") needs `outward`.
   */
  linkDependsOn: z.enum(["inward", "outward"]).default("inward"),
  /** Status names (case-insensitive) that map to `blocked` unless the status category is done. */
  blockedStatuses: z.array(name).default(["Blocked"]),
  /** Resolutions (case-insensitive) of a done issue that mean the work was dropped: `cancelled`. */
  cancelledResolutions: z.array(name).default(["Won't Do", "Won't Fix", "Duplicate", "Cancelled"]),
  lookbackMinutes: z.number().int().min(1).max(1440).default(5),
  /** Cloud serves at most 100 issues with fields per page (5000 for key-only listings). */
  pageSize: z.number().int().min(1).max(5000).default(100),
  /** A run that needs more pages than this stops with an error instead of paginating forever. */
  maxPages: z.number().int().min(1).default(1000),
  /** A full pass (every matching issue, then soft-delete what is gone) runs at least this often. */
  fullScanEveryMinutes: z.number().int().min(1).default(360),
  /** Field ids are re-resolved after this long (a missing start-date field may have been created since). */
  fieldCacheHours: z.number().min(0).default(24),
  webhookSecretEnv: envName.optional(),
  retry: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(20).default(6),
      baseDelayMs: z.number().int().min(0).default(1000),
      maxDelayMs: z.number().int().min(0).default(60_000),
      /** A Retry-After longer than this fails the run (retryable) instead of holding the sync open. */
      maxRetryAfterMs: z.number().int().min(0).default(300_000),
    })
    .default({ maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000, maxRetryAfterMs: 300_000 }),
};

/** A live instance must say where its credentials are; a recorded one has none to give. */
function authUnlessRecorded(
  value: { auth?: unknown; recorded?: string | undefined },
  check: z.RefinementCtx,
) {
  if (value.auth === undefined && value.recorded === undefined) {
    check.addIssue({
      code: "custom",
      path: ["auth"],
      message:
        "auth is required: the names of the environment variables holding the Jira credentials " +
        "(or `recorded: <folder>` to replay recorded responses instead of calling Jira)",
    });
  }
}

/** What the config registry validates: only the kind's own options (see src/config/registry.ts). */
export const JiraOptionsSchema = z.strictObject(optionsShape).superRefine(authUnlessRecorded);

/** The options with `recorded` resolved against the config file's folder, as sheets' `recorded` is. */
export function jiraOptionsSchema(ctx: Pick<ConfigContext, "resolvePath">) {
  return JiraOptionsSchema.transform((o) =>
    o.recorded === undefined ? o : { ...o, recorded: ctx.resolvePath(o.recorded) },
  );
}

/** A whole instance as the loaded config holds it (the shared keys are accepted and not used here). */
export const JiraConnectorConfigSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i, "instance ids are letters, digits, - and _"),
    kind: z.literal("jira"),
    enabled: z.boolean().optional(),
    syncEveryMinutes: z.number().nullish(),
    deletionGuard: z.unknown().optional(),
    ...optionsShape,
  })
  .superRefine(authUnlessRecorded);
export type JiraConnectorConfig = z.infer<typeof JiraConnectorConfigSchema>;
export type JiraConnectorConfigInput = z.input<typeof JiraConnectorConfigSchema>;

/** Validates one connector instance; `where` names the file and path, e.g. `sightline.config.yaml connectors[1]`. */
export function parseJiraConfig(input: unknown, where: string): JiraConnectorConfig {
  const parsed = JiraConnectorConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    where,
    parsed.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`),
  );
}
