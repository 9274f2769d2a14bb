import { z } from "zod";
import type { ConfigContext } from "../../src/sync/manifest.js";

/** Options of a `kind: file` instance: actions (and optionally people, teams, KPIs) from a YAML or JSON file. */
export function fileConnectorConfigSchema(ctx: ConfigContext) {
  return z.strictObject({
    /** Relative paths are resolved against the config file's folder. */
    path: z
      .string()
      .trim()
      .min(1, "expected a file path")
      .transform((p) => ctx.resolvePath(p)),
    /** Actions per page (one transaction each). */
    pageSize: z.number().int().min(1).max(100_000).default(500),
  });
}
export type FileConnectorConfig = z.output<ReturnType<typeof fileConnectorConfigSchema>>;
