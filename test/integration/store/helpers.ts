import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { z } from "zod";
import {
  type ActionRecord,
  type ActionRecordInput,
  ActionRecordSchema,
  type Conflict,
  ConflictSchema,
} from "../../../src/model/index.js";
import { openStore, type Store } from "../../../src/store/index.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0).reverse()) fn();
});

/** A fresh directory per test, removed afterwards (stores opened with `freshStore` are closed first). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sightline-store-test-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function freshStore(): { store: Store; file: string; dir: string } {
  const dir = tempDir();
  const file = join(dir, "sightline.db");
  const store = trackStore(openStore(file));
  return { store, file, dir };
}

/** Opens another connection on a file and closes it after the test. */
export function trackStore(store: Store): Store {
  cleanups.push(() => {
    if (store.db.$client.open) store.close();
  });
  return store;
}

export const SRC = { kind: "jira", instance: "jira-eng" } as const;

export function rec(nativeKey: string, over: Partial<ActionRecordInput> = {}): ActionRecord {
  return ActionRecordSchema.parse({
    nativeKey,
    title: `Work ${nativeKey}`,
    status: "todo",
    start: "2026-02-01",
    due: "2026-02-20",
    kpis: ["KPI-1"],
    ...over,
  });
}

export function conflict(fingerprint: string, over: Partial<Conflict> = {}): Conflict {
  return ConflictSchema.parse({
    fingerprint,
    type: "schedule",
    severity: "warning",
    actionId: "mkt:MKT-7",
    actionIds: ["mkt:MKT-7"],
    dependencyId: "jira-eng:PAY-142",
    rootCauseId: "jira-eng:PAY-142",
    path: ["jira-eng:PAY-142", "mkt:MKT-7"],
    plannedDate: "2026-03-01",
    earliestDate: "2026-04-04",
    daysShort: 34,
    kpis: ["KPI-1"],
    valueAtRisk: 34000,
    notify: ["alice"],
    message: "campaign starts before the API is done",
    facts: {},
    ...over,
  });
}

const Count = z.object({ n: z.number() });

export function count(store: Store, table: string): number {
  return Count.parse(store.db.$client.prepare(`select count(*) as n from ${table}`).get()).n;
}

/** Rows inserted, updated or deleted on this connection since it opened. */
export function totalChanges(store: Store): number {
  return Count.parse(store.db.$client.prepare("select total_changes() as n").get()).n;
}
