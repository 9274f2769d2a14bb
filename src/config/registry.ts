import type { z } from "zod";

/** What a kind's or section's schema may use: resolve relative paths, check that secrets' variables exist. */
export interface ConfigContext {
  /** Folder of the config file; relative paths are resolved against it. */
  configDir: string;
  resolvePath(path: string): string;
  env: Readonly<Record<string, string | undefined>>;
}

export type SchemaFactory = (ctx: ConfigContext) => z.ZodType;

/**
 * Connector kinds and extra top-level sections register their own schemas here, so src/config validates a
 * `jira` instance's options without importing the Jira connector (connectors import config, never the
 * reverse). A kind's schema receives the whole instance object (`id`, `kind` and its options); its output
 * replaces the options in the loaded config.
 */
export class ConfigRegistry {
  private readonly kindSchemas = new Map<string, SchemaFactory>();
  private readonly sectionSchemas = new Map<string, SchemaFactory>();

  registerConnectorKind(kind: string, schema: SchemaFactory): this {
    if (kind === "file") throw new Error('connector kind "file" is built in and cannot be registered again');
    this.kindSchemas.set(kind, schema);
    return this;
  }

  registerSection(name: string, schema: SchemaFactory): this {
    if (BUILT_IN_SECTIONS.includes(name)) throw new Error(`config section "${name}" is built in`);
    this.sectionSchemas.set(name, schema);
    return this;
  }

  connectorKindSchema(kind: string): SchemaFactory | undefined {
    return this.kindSchemas.get(kind);
  }

  sectionSchema(name: string): SchemaFactory | undefined {
    return this.sectionSchemas.get(name);
  }

  registeredKinds(): string[] {
    return [...this.kindSchemas.keys()];
  }

  registeredSections(): string[] {
    return [...this.sectionSchemas.keys()];
  }
}

export const BUILT_IN_SECTIONS: readonly string[] = [
  "organisation",
  "database",
  "directory",
  "kpis",
  "connectors",
  "alerts",
];

/** The process-wide registry `loadConfig` uses unless given another (tests pass their own). */
export const configRegistry = new ConfigRegistry();
