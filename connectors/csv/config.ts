import { resolve } from "node:path";
import { z } from "zod";
import { loadMappingFile } from "../../src/mapping/index.js";
import { ValidationError } from "../../src/model/index.js";
import type { Connector } from "../../src/sync/contract.js";
import type { ConfigContext } from "../../src/sync/manifest.js";
import { type CsvCursor, createCsvConnector } from "./connector.js";

/** Options of a `kind: csv` instance: the mapping file; the CSV path is in the mapping, relative to it. */
export function csvConnectorConfigSchema(ctx: ConfigContext) {
  return z.strictObject({
    mapping: z
      .string()
      .trim()
      .min(1)
      .transform((p) => ctx.resolvePath(p)),
    pageSize: z.int().min(1).max(100_000).default(2_000),
  });
}
export type CsvConnectorConfig = z.output<ReturnType<typeof csvConnectorConfigSchema>>;

export async function createCsvConnectorFromConfig(
  instance: string,
  config: CsvConnectorConfig,
): Promise<Connector<CsvCursor>> {
  const { mapping, dir } = await loadMappingFile(config.mapping);
  if (mapping.kind !== "csv") {
    throw new ValidationError(config.mapping, [
      `kind: the csv connector "${instance}" needs a kind: csv mapping`,
    ]);
  }
  return createCsvConnector({
    instance,
    mapping,
    path: resolve(dir, mapping.path),
    pageSize: config.pageSize,
  });
}
