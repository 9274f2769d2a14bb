import { resolve } from "node:path";
import type { z } from "zod";
import { createCsvConnectorFromConfig, csvConnectorConfigSchema } from "../../connectors/csv/index.js";
import { createEmailConnector, emailConnectorConfigSchema } from "../../connectors/email/index.js";
import { fileConnectorFromConfig } from "../../connectors/file/index.js";
import { jiraOptionsSchema } from "../../connectors/jira/config.js";
import { createJiraConnector, parseJiraConfig } from "../../connectors/jira/index.js";
import {
  createSheetsConnectorFromConfig,
  sheetsConnectorConfigSchema,
} from "../../connectors/sheets/index.js";
import { createSlackConnectorFromConfig, slackConnectorConfigSchema } from "../../connectors/slack/index.js";
import {
  type ConfigContext,
  type ConfigRegistry,
  type ConnectorConfig,
  configRegistry,
  isFileConnector,
  type SightlineConfig,
} from "../config/index.js";
import { type ActionRecord, SightlineError } from "../model/index.js";
import type { Connector } from "../sync/index.js";

export class UnknownConnectorError extends SightlineError {
  constructor(message: string) {
    super("unknown_connector", message);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export interface ConnectorFlags {
  /** Re-read everything the source holds (Jira: a full scan that also detects deleted issues). */
  fullScan: boolean;
  /**
   * The connector's clock, for connectors that keep time in their cursor (Jira: the last full scan, the
   * field cache). The demo replays each step at the instant it happened; everything else uses the real one.
   */
  now?: () => Date;
  /** The stored record of one of the instance's actions, for connectors whose store is Sightline's (slack). */
  current?: (nativeKey: string) => Promise<ActionRecord | null>;
}

interface ConnectorKind<S extends z.ZodType> {
  schema: (ctx: ConfigContext) => S;
  create(id: string, options: z.output<S>, env: Env, flags: ConnectorFlags): Promise<Connector>;
}

function kind<S extends z.ZodType>(k: ConnectorKind<S>): ConnectorKind<S> {
  return k;
}

/** Every connector kind besides the built-in `file`: the only place that knows them all. */
const KINDS = {
  sheets: kind({
    schema: sheetsConnectorConfigSchema,
    create: (id, options, env) => createSheetsConnectorFromConfig(id, options, { env }),
  }),
  csv: kind({
    schema: csvConnectorConfigSchema,
    create: (id, options) => createCsvConnectorFromConfig(id, options),
  }),
  slack: kind({
    schema: slackConnectorConfigSchema,
    create: async (id, options, _env, flags) =>
      createSlackConnectorFromConfig(id, options, {
        ...(flags.current ? { current: flags.current } : {}),
        ...(flags.now ? { now: () => (flags.now ?? (() => new Date()))().toISOString() } : {}),
      }),
  }),
  jira: kind({
    schema: jiraOptionsSchema,
    create: async (id, options, env, flags) =>
      createJiraConnector(parseJiraConfig({ ...options, id, kind: "jira" }, `connector "${id}"`), {
        env,
        fullScan: flags.fullScan,
        ...(flags.now ? { now: flags.now } : {}),
      }),
  }),
} as const;

/** Lets src/config validate each kind's options (config never imports connectors; this wiring does). */
export function registerConnectorKinds(registry: ConfigRegistry = configRegistry): void {
  for (const [name, k] of Object.entries(KINDS)) {
    if (!registry.connectorKindSchema(name)) registry.registerConnectorKind(name, k.schema);
  }
  if (!registry.connectorKindSchema("email"))
    registry.registerConnectorKind("email", emailConnectorConfigSchema);
}

function isKnownKind(name: string): name is keyof typeof KINDS | "email" {
  return name === "email" || Object.hasOwn(KINDS, name);
}

/**
 * Builds the connector for one configured instance. The options were validated when the config loaded; they
 * are parsed again here to get their type back (paths are absolute by then, so resolving is a no-op).
 */
export async function createConnector(
  config: ConnectorConfig,
  app: Pick<SightlineConfig, "dir" | "organisation">,
  env: Env = process.env,
  flags: ConnectorFlags = { fullScan: false },
): Promise<Connector> {
  if (isFileConnector(config)) return fileConnectorFromConfig(config);
  if (!isKnownKind(config.kind)) {
    throw new UnknownConnectorError(
      `connector "${config.id}": kind "${config.kind}" is not available in this build (known kinds: file, email, ${Object.keys(KINDS).join(", ")})`,
    );
  }
  const ctx: ConfigContext = { configDir: app.dir, env, resolvePath: (p) => resolve(app.dir, p) };
  const { id, kind: _kind, enabled: _e, syncEveryMinutes: _s, deletionGuard: _d, ...options } = config;
  switch (config.kind) {
    case "sheets":
      return KINDS.sheets.create(id, KINDS.sheets.schema(ctx).parse(options), env, flags);
    case "csv":
      return KINDS.csv.create(id, KINDS.csv.schema(ctx).parse(options), env, flags);
    case "email":
      // E-mails write dates without a zone ("Due: 14 Mar"): they are read in the organisation's.
      return createEmailConnector(id, emailConnectorConfigSchema(ctx).parse(options), {
        env,
        organisationTimeZone: app.organisation.timeZone,
        ...(flags.now ? { now: flags.now } : {}),
      });
    case "slack":
      return KINDS.slack.create(id, KINDS.slack.schema(ctx).parse(options), env, flags);
    case "jira":
      return KINDS.jira.create(id, KINDS.jira.schema(ctx).parse(options), env, flags);
  }
}
