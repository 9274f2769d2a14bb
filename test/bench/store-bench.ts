import { spawnSync } from "node:child_process";
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
import { createTestDatabase } from "../support/pg-test-db.js";

export interface Row {
  adapter: Adapter;
  size: number;
  phase: "insert new" | "re-upsert unchanged" | "cold `conflicts --json` (CLI process)";
  runs: number;
  medianMs: number;
  /** CPU time of this process (user + system): on a shared machine, what the work cost without the waiting. */
  medianCpuMs: number;
  /** Actions per second; null for the CLI phase (its figure is the process's wall time). */
  rowsPerSec: number | null;
  /** Rows of actions/history/dependencies written (the cursor row each page also writes is not counted). */
  actionRowsWritten: number;
}

type Adapter = "sqlite" | "postgres";

/**
 * A fresh store per run: a SQLite file in a temporary folder, or a database of its own on the local PostgreSQL
 * (a database, not a schema, so the CLI process can be pointed at it by URL). `location` is what `--db` takes.
 */
async function benchStore(
  adapter: Adapter,
): Promise<{ store: Store; location: string; cleanup: () => Promise<void> }> {
  if (adapter === "postgres") {
    const db = await createTestDatabase();
    const store = await openStore(db.url);
    return {
      store,
      location: db.url,
      cleanup: async () => {
        await store.close();
        await db.drop();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "sightline-store-bench-"));
  const location = join(dir, "bench.db");
  const store = await openStore(location);
  return {
    store,
    location,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ROOT = join(import.meta.dirname, "../..");

/**
 * `sightline --db <location> conflicts --json` as a user runs it: a new process (Node start, config, opening the
 * store read-only, loading every action, reconciling, printing). Wall time from spawn to exit.
 */
function coldConflictsMs(location: string): number {
  const t0 = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      join(ROOT, "src/cli/run.ts"),
      "--db",
      location,
      "conflicts",
      "--json",
      "--today",
      "2026-03-01",
    ],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30 },
  );
  const ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(`conflicts on ${location} exited ${run.status}: ${run.stderr}`);
  if (!run.stdout.startsWith("[")) throw new Error(`conflicts printed no JSON: ${run.stdout.slice(0, 200)}`);
  return ms;
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
      const conflictsMs: number[] = [];
      let insertWritten = 0;
      let unchangedWritten = 0;
      for (let r = 0; r < runs; r++) {
        const { store, location, cleanup } = await benchStore(adapter);
        try {
          const first = await syncAll(store, size, "2026-01-02T08:00:00.000Z");
          const again = await syncAll(store, size, "2026-01-03T08:00:00.000Z");
          if (again.written !== 0)
            throw new Error(`re-upserting ${size} unchanged actions wrote ${again.written} rows`);
          insertMs.push(first.ms);
          unchangedMs.push(again.ms);
          insertCpu.push(first.cpuMs);
          unchangedCpu.push(again.cpuMs);
          conflictsMs.push(coldConflictsMs(location));
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
      rows.push({
        adapter,
        size,
        phase: "cold `conflicts --json` (CLI process)",
        runs,
        medianMs: Math.round(median(conflictsMs)),
        medianCpuMs: 0,
        rowsPerSec: null,
        actionRowsWritten: 0,
      });
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
      `| ${r.adapter} | ${r.size} | ${r.phase} | ${r.runs} | ${r.medianMs} | ${r.medianCpuMs || "—"} | ${r.rowsPerSec?.toLocaleString("en-US") ?? "—"} | ${r.actionRowsWritten} |`,
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
