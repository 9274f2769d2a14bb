import { hash } from "node:crypto";
import { z } from "zod";
import {
  type Action,
  type ActionRecord,
  ActionStatusSchema,
  DependencyRefSchema,
  type Source,
} from "../model/index.js";
import { StoreError } from "./errors.js";
import type { actions } from "./schema-actions.js";

export type ActionRow = typeof actions.$inferSelect;

/** A record turned into the column values it is stored as, plus its content hash. */
export interface EncodedRecord {
  record: ActionRecord;
  kpis: string;
  dependsOn: string;
  mirrors: string;
  hash: string;
}

/**
 * The content hash covers every record field but the key (the key is the identity). The hash input is the
 * scalars as one JSON array followed by the three encoded lists: each part is a complete JSON value, so two
 * different records cannot produce the same input, and the list encodings double as the stored column values.
 * This runs once per synced record, so it is kept to four JSON.stringify calls and one hash.
 */
export function encodeRecord(record: ActionRecord): EncodedRecord {
  const kpis = JSON.stringify(record.kpis);
  // Rebuilt in a fixed key order so the same refs hash the same whatever object built them.
  const dependsOn = JSON.stringify(
    record.dependsOn.map((d) => ({ ref: d.ref, type: d.type, lagDays: d.lagDays })),
  );
  const mirrors = JSON.stringify(record.mirrors);
  const scalars = JSON.stringify([
    record.url,
    record.title,
    record.status,
    record.ownerRaw,
    record.team,
    record.businessUnit,
    record.program,
    record.start,
    record.due,
    record.sourceUpdatedAt,
  ]);
  // sha1 is for change detection, not security; base64url keeps the column short.
  return {
    record,
    kpis,
    dependsOn,
    mirrors,
    hash: hash("sha1", scalars + kpis + dependsOn + mirrors, "base64url"),
  };
}

const StringListSchema = z.array(z.string());
const DependsOnSchema = z.array(DependencyRefSchema);

/** JSON columns are read back through a schema: a row edited by hand must fail loudly, naming the row. */
export function parseJsonColumn<T>(schema: z.ZodType<T>, text: string, where: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new StoreError("corrupt_row", `${where}: stored value is not JSON`, { cause });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new StoreError(
      "corrupt_row",
      `${where}: stored JSON does not match its schema: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

export function rowToAction(row: ActionRow): Action {
  const where = `actions row ${row.id}`;
  const source: Source = { kind: row.sourceKind, instance: row.sourceInstance };
  return {
    id: row.id,
    source,
    nativeKey: row.nativeKey,
    url: row.url,
    title: row.title,
    status: ActionStatusSchema.parse(row.status),
    ownerRaw: row.ownerRaw,
    owner: row.owner,
    team: row.team,
    businessUnit: row.businessUnit,
    program: row.program,
    start: row.start,
    due: row.due,
    baselineDue: row.baselineDue,
    kpis: parseJsonColumn(StringListSchema, row.kpis, `${where} kpis`),
    dependsOn: parseJsonColumn(DependsOnSchema, row.dependsOn, `${where} depends_on`),
    mirrors: parseJsonColumn(StringListSchema, row.mirrors, `${where} mirrors`),
    sourceUpdatedAt: row.sourceUpdatedAt,
    syncedAt: row.syncedAt,
    contentHash: row.contentHash,
    removedAt: row.removedAt,
  };
}
