import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  type ActionRecord,
  type ActionRecordInput,
  ActionRecordSchema,
  fromDayNumber,
} from "../../src/model/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { dropSchema, PG_TEST_URL, randomSchema } from "../support/pg-test-db.js";

export interface Row {
  adapter: Adapter;
  size: number;
  phase: "insert new" | "re-upsert unchanged";
  runs: number;
  medianMs: number;
  /** CPU time of this process (user + system): on a shared machine, what the work cost without the waiting. */
  medianCpuMs: number;
  rowsPerSec: number;
  /** Rows of actions/history/dependencies written (the cursor row each page also writes is not counted). */
  actionRowsWritten: number;
}

type Adapter = "sqlite" | "postgres";

/** A fresh store per run: a SQLite file in a temporary folder, or a schema of its own on the local PostgreSQL. */
async function benchStore(adapter: Adapter): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  if (adapter === "postgres") {
    const schema = randomSchema();
    const store = await openStore(PG_TEST_URL, { schema });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await dropSchema(schema);
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "sightline-store-bench-"));
  const store = await openStore(join(dir, "bench.db"));
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const PAGE = 1000;
const SOURCE = { kind: "jira", instance: "bench" };
const BASE_DAY = 20_454; // 2026-01-01

/**
 * One page of realistic canonical items (a layered graph with about two dependencies each, one KPI, dates, a
 * URL), made when the page is due, as a connector streams them: holding every page in memory at once would
 * make the garbage collector, not the store, the thing measured.
 */
function generatePage(from: number, to: number): ActionRecordInput[] {
  const out: ActionRecordInput[] = [];
  for (let i = from; i < to; i++) {
    const key = `PAY-${i}`;
    const deps =
      i < 2
        ? []
        : [{ ref: `PAY-${i - 1}` }, { ref: `PAY-${(i * 7919) % i}`, type: "SS" as const, lagDays: 2 }];
    out.push({
      nativeKey: key,
      url: `https://example.atlassian.net/browse/${key}`,
      title: `Work item ${i}: integrate the payments API`,
      status: i % 5 === 0 ? "done" : "in_progress",
      ownerRaw: `person${i % 500}@example.com`,
      team: `Team ${i % 20}`,
      businessUnit: "Payments",
      start: fromDayNumber(BASE_DAY + (i % 300)),
      due: fromDayNumber(BASE_DAY + (i % 300) + 14),
      kpis: [`KPI-${i % 50}`],
      dependsOn: deps,
      sourceUpdatedAt: "2026-01-01T09:00:00.000Z",
    });
  }
  return out;
}

/**
 * Validates and commits every page as the sync engine does. Returns the time spent validating and writing
 * (making the page's input, the connector's part, is not counted) and the action rows written.
 */
async function syncAll(store: Store, size: number, now: string) {
  const before = await store.rowsWritten();
  let ms = 0;
  let cpuMs = 0;
  let pages = 0;
  for (let start = 0; start < size; start += PAGE) {
    const inputs = generatePage(start, Math.min(start + PAGE, size));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const records: ActionRecord[] = inputs.map((input) => ActionRecordSchema.parse(input));
    await store.sync.commitPage({
      source: SOURCE,
      records,
      quarantined: [],
      removedKeys: [],
      people: [],
      kpis: [],
      cursor: { startAt: start + records.length },
      now,
    });
    const cpu = process.cpuUsage(cpu0);
    ms += performance.now() - t0;
    cpuMs += (cpu.user + cpu.system) / 1000;
    pages += 1;
  }
  return { ms, cpuMs, written: (await store.rowsWritten()) - before - pages };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export async function runStoreBench(opts: {
  sizes: number[];
  runs?: number;
  adapters?: readonly Adapter[];
}): Promise<Row[]> {
  const runs = opts.runs ?? 3;
  const rows: Row[] = [];
  for (const adapter of opts.adapters ?? (["sqlite", "postgres"] as const))
    for (const size of opts.sizes) {
      const insertMs: number[] = [];
      const unchangedMs: number[] = [];
      const insertCpu: number[] = [];
      const unchangedCpu: number[] = [];
      let insertWritten = 0;
      let unchangedWritten = 0;
      for (let r = 0; r < runs; r++) {
        const { store, cleanup } = await benchStore(adapter);
        try {
          const first = await syncAll(store, size, "2026-01-02T08:00:00.000Z");
          const again = await syncAll(store, size, "2026-01-03T08:00:00.000Z");
          if (again.written !== 0)
            throw new Error(`re-upserting ${size} unchanged actions wrote ${again.written} rows`);
          insertMs.push(first.ms);
          unchangedMs.push(again.ms);
          insertCpu.push(first.cpuMs);
          unchangedCpu.push(again.cpuMs);
          insertWritten = first.written;
          unchangedWritten = again.written;
        } finally {
          await cleanup();
        }
      }
      for (const [phase, ms, cpu, written] of [
        ["insert new", insertMs, insertCpu, insertWritten],
        ["re-upsert unchanged", unchangedMs, unchangedCpu, unchangedWritten],
      ] as const) {
        const m = median(ms);
        rows.push({
          adapter,
          size,
          phase,
          runs,
          medianMs: Math.round(m),
          medianCpuMs: Math.round(median(cpu)),
          rowsPerSec: Math.round(size / (m / 1000)),
          actionRowsWritten: written,
        });
      }
    }
  return rows;
}

function printTable(rows: readonly Row[]): void {
  console.log(
    "| store | actions | phase | runs | median ms | median CPU ms | rows/s | action rows written |",
  );
  console.log("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.adapter} | ${r.size} | ${r.phase} | ${r.runs} | ${r.medianMs} | ${r.medianCpuMs} | ${r.rowsPerSec.toLocaleString("en-US")} | ${r.actionRowsWritten} |`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 100_000);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`usage: tsx test/bench/store-bench.ts [actions], got ${process.argv[2]}`);
  const only = process.argv[3];
  if (only !== undefined && only !== "sqlite" && only !== "postgres")
    throw new Error(`usage: tsx test/bench/store-bench.ts [actions] [sqlite|postgres], got ${only}`);
  printTable(await runStoreBench({ sizes: [n], ...(only ? { adapters: [only] } : {}) }));
}
