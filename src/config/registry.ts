import type { z } from "zod";
import type { ConfigContext } from "../sync/manifest.js";

export type { ConfigContext };

export type SchemaFactory = (ctx: ConfigContext) => z.ZodType;

/**
 * Connector kinds (from connectors/registry.ts) and extra top-level sections register their own schemas here,
 * so src/config validates a `jira` instance's options without importing the Jira connector. A kind's schema receives the whole instance object (`id`, `kind` and its options); its output
 * replaces the options in the loaded config.
 */
export class ConfigRegistry {
  private readonly kindSchemas = new Map<string, SchemaFactory>();
  private readonly sectionSchemas = new Map<string, SchemaFactory>();

  registerConnectorKind(kind: string, schema: SchemaFactory): this {
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
  "reconcile",
];
