import { dirname, resolve } from "node:path";
import type { Kpi, Person, Team } from "../model/index.js";
import { CurrencySchema, looksLikeSecretKey } from "../sync/config-values.js";
import { formatPath } from "../sync/zod-issues.js";
import { ConfigError, type ConfigIssue } from "./errors.js";
import { issuesFrom, type ParsedSource, type ReadText, readSource, readUtf8 } from "./read-source.js";
import { BUILT_IN_SECTIONS, type ConfigContext, ConfigRegistry } from "./registry.js";
import {
  type AlertsConfig,
  type ConnectorConfig,
  configSchema,
  connectorOptions,
  type OrganisationConfig,
  type ReconcileConfig,
} from "./schema.js";

export interface SightlineConfig {
  /** Absolute path of the file this was loaded from. */
  file: string;
  /** Its folder: every relative path in the file was resolved against it. */
  dir: string;
  organisation: OrganisationConfig;
  database: { path: string; url: string | null; passwordEnv: string | null };
  /** Inline people and teams; `file` (absolute) is read by loadDirectory. */
  directory: { file: string | null; people: Person[]; teams: Team[] };
  /** Inline KPIs; `file` (absolute) is read by loadKpiCatalog. */
  kpis: { file: string | null; catalog: Kpi[] };
  connectors: ConnectorConfig[];
  alerts: AlertsConfig;
  reconcile: ReconcileConfig;
  /** Sections registered by other parts of the app (e.g. `slack`, `server`), as their schemas output them. */
  sections: Record<string, unknown>;
}

export interface LoadConfigOptions {
  /** The connector kinds and extra sections to validate (src/jobs/load-app-config.ts has this build's). */
  registry?: ConfigRegistry;
  readFile?: ReadText;
}

/**
 * Loads and validates `sightline.config.yaml`. Relative paths are resolved against the file's folder, secrets
 * are only ever named (`tokenEnv: JIRA_TOKEN`), never written: a key that looks like a secret is an error.
 * Every problem is reported at once, each with its path inside the file, line and column.
 */
export function loadConfig(
  file: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: LoadConfigOptions = {},
): SightlineConfig {
  const registry = options.registry ?? new ConfigRegistry();
  const absolute = resolve(file);
  const dir = dirname(absolute);
  const source = readSource(absolute, options.readFile ?? readUtf8);
  const raw = source.value;
  if (!isRecord(raw)) {
    const what = raw === null || raw === undefined ? "the file is empty" : "the file is not a mapping";
    throw new ConfigError("config_invalid", absolute, [
      { path: "", text: `${what}: expected at least an organisation section`, line: 1, column: 1 },
    ]);
  }
  const ctx: ConfigContext = { configDir: dir, env, resolvePath: (p) => resolve(dir, p) };

  const issues: ConfigIssue[] = secretIssues(raw, [], source);
  const parsed = configSchema(ctx, organisationCurrency(raw), registry.registeredKinds()).safeParse(raw);
  if (!parsed.success) issues.push(...issuesFrom(parsed.error, raw, source));

  const sections: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (BUILT_IN_SECTIONS.includes(name)) continue;
    const factory = registry.sectionSchema(name);
    if (!factory) {
      const known = [...BUILT_IN_SECTIONS, ...registry.registeredSections()].join(", ");
      issues.push(at(source, [name], `${name}: unknown section (known sections: ${known})`));
      continue;
    }
    const result = factory(ctx).safeParse(value);
    if (result.success) sections[name] = result.data;
    else issues.push(...issuesFrom(result.error, value, source, [name]));
  }

  // Each kind validates its own options, with its own schema: also when other parts of the file are wrong,
  // so one run reports every problem.
  const kindOptions = (element: unknown, i: number): Record<string, unknown> | null => {
    if (!isRecord(element) || typeof element.kind !== "string") return null;
    const factory = registry.connectorKindSchema(element.kind);
    if (!factory) return null;
    const options = connectorOptions(element);
    const result = factory(ctx).safeParse(options);
    if (result.success) return isRecord(result.data) ? result.data : {};
    issues.push(...issuesFrom(result.error, options, source, ["connectors", i]));
    return null;
  };
  const rawConnectors: unknown = Reflect.get(raw, "connectors");
  const optionsOut = Array.isArray(rawConnectors) ? rawConnectors.map(kindOptions) : [];
  const connectors = parsed.success
    ? parsed.data.connectors.map((c, i): ConnectorConfig => {
        const { id, kind, enabled, syncEveryMinutes, deletionGuard } = c;
        return { ...(optionsOut[i] ?? {}), id, kind, enabled, syncEveryMinutes, deletionGuard };
      })
    : [];

  if (issues.length > 0 || !parsed.success) throw new ConfigError("config_invalid", absolute, issues);
  const { organisation, database, directory, kpis, alerts, reconcile } = parsed.data;
  return {
    file: absolute,
    dir,
    organisation,
    database,
    directory,
    kpis,
    connectors,
    alerts,
    reconcile,
    sections,
  };
}

function at(source: ParsedSource, segments: PropertyKey[], text: string): ConfigIssue {
  const pos = source.positionOf(segments);
  return { path: formatPath(segments), text, line: pos?.line ?? null, column: pos?.column ?? null };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The organisation's currency when it is valid, so KPIs can default to it; EUR otherwise (reported anyway). */
function organisationCurrency(raw: object): string {
  const org: unknown = Reflect.get(raw, "organisation");
  const currency: unknown =
    org !== null && typeof org === "object" ? Reflect.get(org, "currency") : undefined;
  const parsed = CurrencySchema.safeParse(currency);
  return parsed.success ? parsed.data : "EUR";
}

/** Every key anywhere in the file that looks like it holds a secret instead of naming its variable. */
function secretIssues(value: unknown, path: PropertyKey[], source: ParsedSource): ConfigIssue[] {
  if (value === null || typeof value !== "object") return [];
  const out: ConfigIssue[] = [];
  for (const [key, child] of Object.entries(value)) {
    const segments = [...path, Array.isArray(value) ? Number(key) : key];
    if (!Array.isArray(value) && looksLikeSecretKey(key) && typeof child !== "object") {
      const variable = key.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
      out.push(
        at(
          source,
          segments,
          `${formatPath(segments)}: secrets never go in the config file; put the value in an environment ` +
            `variable and name it here instead, e.g. ${key}Env: ${variable}`,
        ),
      );
    }
    out.push(...secretIssues(child, segments, source));
  }
  return out;
}
