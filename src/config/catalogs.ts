import { z } from "zod";
import type { Directory, Kpi } from "../model/index.js";
import { ConfigError, type ConfigIssue } from "./errors.js";
import type { SightlineConfig } from "./load-config.js";
import { parseSource, type ReadText, readSource, readUtf8 } from "./read-source.js";
import { kpiCatalogSchema, PeopleSchema, TeamsSchema } from "./schema.js";

/** `people.yaml`: the people directory and the teams/departments (owning by team name is a vacuum). */
export const DirectoryFileSchema = z.strictObject({
  people: PeopleSchema.default([]),
  teams: TeamsSchema.default([]),
});

export function kpiFileSchema(currency: string) {
  return z.strictObject({ kpis: kpiCatalogSchema(currency) });
}

/**
 * The people directory: the file the config names, then the people and teams written inline in the config.
 * An id (or team name) defined in both places is an error rather than a silent override.
 */
export function loadDirectory(config: SightlineConfig, read: ReadText = readUtf8): Directory {
  const fromFile = config.directory.file
    ? parseSource(readSource(config.directory.file, read), DirectoryFileSchema)
    : { people: [], teams: [] };
  const issues: ConfigIssue[] = [
    ...clashes(
      fromFile.people.map((p) => p.id),
      config.directory.people.map((p) => p.id),
      "directory.people",
      "id",
      "person id",
      config.directory.file,
    ),
    ...clashes(
      fromFile.teams.map((t) => t.name.toLowerCase()),
      config.directory.teams.map((t) => t.name.toLowerCase()),
      "directory.teams",
      "name",
      "team",
      config.directory.file,
    ),
  ];
  if (issues.length > 0) throw new ConfigError("config_invalid", config.file, issues);
  return {
    people: [...fromFile.people, ...config.directory.people],
    teams: [...fromFile.teams, ...config.directory.teams],
  };
}

/** The KPI catalog: the file the config names, then the inline `kpis.catalog`. */
export function loadKpiCatalog(config: SightlineConfig, read: ReadText = readUtf8): Kpi[] {
  const fromFile = config.kpis.file
    ? parseSource(readSource(config.kpis.file, read), kpiFileSchema(config.organisation.currency)).kpis
    : [];
  const issues = clashes(
    fromFile.map((k) => k.key),
    config.kpis.catalog.map((k) => k.key),
    "kpis.catalog",
    "key",
    "KPI key",
    config.kpis.file,
  );
  if (issues.length > 0) throw new ConfigError("config_invalid", config.file, issues);
  return [...fromFile, ...config.kpis.catalog];
}

function clashes(
  inFile: readonly string[],
  inline: readonly string[],
  listPath: string,
  field: string,
  what: string,
  file: string | null,
): ConfigIssue[] {
  const known = new Set(inFile);
  const out: ConfigIssue[] = [];
  inline.forEach((key, i) => {
    if (known.has(key)) {
      const path = `${listPath}[${i}].${field}`;
      out.push({
        path,
        text: `${path}: ${what} "${key}" is already defined in ${file}`,
        line: null,
        column: null,
      });
    }
  });
  return out;
}
