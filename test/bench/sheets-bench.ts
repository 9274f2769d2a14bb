import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseRange } from "../../connectors/sheets/a1.js";
import { createAuthClient } from "../../connectors/sheets/auth.js";
import { createGoogleSheetsTransport } from "../../connectors/sheets/client.js";
import { createSheetsConnector } from "../../connectors/sheets/connector.js";
import { resolveColumns } from "../../src/mapping/headers.js";
import { RowMapper } from "../../src/mapping/row-mapper.js";
import { type SheetsMapping, SheetsMappingSchema } from "../../src/mapping/schema.js";
import { ActionRecordSchema } from "../../src/model/index.js";
import { openStore } from "../../src/store/index.js";
import { runSync } from "../../src/sync/index.js";

/**
 * Sheets connector benchmark: a sheet of `rows` rows served by a local HTTP server shaped like the Sheets v4
 * and Drive v3 APIs (the transport under test is the real googleapis client, pointed there through rootUrl).
 *
 * Phases: the pure mapper + record validation alone; a first sync through the real engine into a temp SQLite
 * file (HTTP, JSON, mapping, validation, upserts); the re-sync of the unchanged sheet, where the target is one
 * request and nothing written. Targets (issue 4): 100k rows mapped and upserted in at most 3 s.
 *
 *   npx tsx test/bench/sheets-bench.ts [rows] [runs]
 */

const SPREADSHEET_ID = "1BenchSheetId0123456789abcdefghijklmnopqrs";
const HEADER = ["Key", "Task", "Owner", "Status", "Start", "Due", "Depends on", "KPI", "Notes"];
const STATUSES = ["Not started", "WIP", "Done", "Blocked"];

export interface SheetsBenchRow {
  rows: number;
  phase: string;
  runs: number;
  medianMs: number;
  rowsPerSec: number;
  requests: number;
  actionRowsWritten: number;
}

function grid(rows: number): (string | number)[][] {
  const out: (string | number)[][] = [HEADER];
  for (let i = 1; i <= rows; i++) {
    const start = 46000 + (i % 300);
    out.push([
      `MKT-${i}`,
      `Campaign task ${i}`,
      `Owner ${i % 250}`,
      STATUSES[i % STATUSES.length]!,
      start,
      start + 5 + (i % 20),
      i > 1 ? `MKT-${i - 1}` : "",
      `kpi-${i % 40}`,
      i % 3 === 0 ? "" : `note ${i}`,
    ]);
  }
  return out;
}

const MAPPING: SheetsMapping = SheetsMappingSchema.parse({
  kind: "sheets",
  spreadsheetId: SPREADSHEET_ID,
  sheet: { id: 1, title: "Plan" },
  key: { column: "Key" },
  fields: {
    title: { column: "Task" },
    owner: { column: "Owner", transform: "person" },
    status: {
      column: "Status",
      transform: {
        type: "enum",
        values: { "Not started": "todo", WIP: "in_progress", Done: "done", Blocked: "blocked" },
      },
    },
    start: { column: "Start", transform: "date" },
    due: { column: "Due", transform: "date" },
    dependsOn: { column: "Depends on", transform: "list" },
    kpis: { column: "KPI", transform: "list" },
  },
  constants: { team: "Marketing" },
});

/** A fake Google: Drive files.get, spreadsheets.get and values.get over an in-memory grid. */
async function fakeGoogle(
  cells: (string | number)[][],
): Promise<{ server: Server; url: string; requests: () => number }> {
  let requests = 0;
  const meta = {
    spreadsheetId: SPREADSHEET_ID,
    properties: { title: "Bench plan", locale: "en_GB", timeZone: "Europe/London" },
    sheets: [
      {
        properties: {
          sheetId: 1,
          title: "Plan",
          index: 0,
          gridProperties: { rowCount: cells.length, columnCount: 26 },
        },
      },
    ],
  };
  const server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
      res.end(JSON.stringify(body));
    };
    const valuesPrefix = `/v4/spreadsheets/${SPREADSHEET_ID}/values/`;
    if (url.pathname === `/drive/v3/files/${SPREADSHEET_ID}`) {
      send(200, { version: "4711", modifiedTime: "2026-01-12T09:30:00.000Z" });
    } else if (url.pathname === `/v4/spreadsheets/${SPREADSHEET_ID}`) {
      send(200, meta);
    } else if (url.pathname.startsWith(valuesPrefix)) {
      const range = decodeURIComponent(url.pathname.slice(valuesPrefix.length));
      const r = parseRange(range);
      if (!r)
        return send(400, {
          error: { code: 400, message: `Unable to parse range: ${range}`, status: "INVALID_ARGUMENT" },
        });
      const from = (r.startRow ?? 1) - 1;
      const to = r.endRow ?? cells.length;
      send(200, { range, majorDimension: "ROWS", values: cells.slice(from, to) });
    } else {
      send(404, { error: { code: 404, message: "Not found", status: "NOT_FOUND" } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string")
    throw new Error("the fake Google server has no TCP port");
  return { server, url: `http://127.0.0.1:${address.port}/`, requests: () => requests };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export async function runSheetsBench(opts: { rows: number; runs?: number }): Promise<SheetsBenchRow[]> {
  const runs = opts.runs ?? 3;
  const cells = grid(opts.rows);
  const google = await fakeGoogle(cells);
  const auth = await createAuthClient({ type: "access_token", accessToken: "bench-token" });
  const transport = createGoogleSheetsTransport({ auth, rootUrl: google.url });
  const results: SheetsBenchRow[] = [];
  const add = (phase: string, ms: number[], requests: number, written: number) => {
    const m = median(ms);
    results.push({
      rows: opts.rows,
      phase,
      runs,
      medianMs: Math.round(m),
      rowsPerSec: Math.round(opts.rows / (m / 1000)),
      requests,
      actionRowsWritten: written,
    });
  };
  try {
    const mapMs: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const mapper = new RowMapper({
        mapping: MAPPING,
        columns: resolveColumns(cells[0]!, MAPPING, "bench"),
        locale: "en_GB",
        location: (n) => `bench row ${n}`,
        defaultUrl: null,
      });
      let valid = 0;
      for (let i = 1; i < cells.length; i++) {
        const item = mapper.mapRow(cells[i]!, i + 1);
        if (item?.kind === "record" && ActionRecordSchema.safeParse(item.record).success) valid++;
      }
      mapMs.push(performance.now() - t0);
      if (valid !== opts.rows) throw new Error(`expected ${opts.rows} valid rows, got ${valid}`);
    }
    add("map + validate (no I/O)", mapMs, 0, 0);

    const firstMs: number[] = [];
    const againMs: number[] = [];
    let firstRequests = 0;
    let againRequests = 0;
    let firstWritten = 0;
    let againWritten = 0;
    for (let r = 0; r < runs; r++) {
      const dir = mkdtempSync(join(tmpdir(), "sightline-sheets-bench-"));
      const store = await openStore(join(dir, "bench.db"));
      try {
        const connector = createSheetsConnector({ instance: "mkt-plan", mapping: MAPPING, transport });
        let before = google.requests();
        let t0 = performance.now();
        const first = await runSync(connector, store.sync);
        firstMs.push(performance.now() - t0);
        firstRequests = google.requests() - before;
        firstWritten = first.inserted + first.updated;
        before = google.requests();
        t0 = performance.now();
        const again = await runSync(connector, store.sync);
        againMs.push(performance.now() - t0);
        againRequests = google.requests() - before;
        againWritten = again.inserted + again.updated + again.removed;
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    add("first sync: HTTP + map + upsert (SQLite)", firstMs, firstRequests, firstWritten);
    add("unchanged re-sync", againMs, againRequests, againWritten);
  } finally {
    await new Promise((resolve) => google.server.close(resolve));
  }
  return results;
}

export function printSheetsBench(rows: readonly SheetsBenchRow[]): void {
  console.log("| rows | phase | runs | median ms | rows/s | requests | action rows written |");
  console.log("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.rows} | ${r.phase} | ${r.runs} | ${r.medianMs} | ${r.rowsPerSec.toLocaleString("en-US")} | ${r.requests} | ${r.actionRowsWritten} |`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = Number(process.argv[2] ?? 100_000);
  const runs = Number(process.argv[3] ?? 3);
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(runs) || runs < 1) {
    throw new Error(
      `usage: tsx test/bench/sheets-bench.ts [rows] [runs], got ${process.argv.slice(2).join(" ")}`,
    );
  }
  printSheetsBench(await runSheetsBench({ rows, runs }));
}
