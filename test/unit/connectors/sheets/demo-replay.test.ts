import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { previewSheetMapping, suggestMappingFromSheet } from "../../../../connectors/sheets/admin.js";
import { createSheetsConnector } from "../../../../connectors/sheets/connector.js";
import {
  createRecordedTransport,
  loadRecordedSheet,
} from "../../../../connectors/sheets/recorded-transport.js";
import { loadMappingFile } from "../../../../src/mapping/load.js";
import { openStore, type Store } from "../../../../src/store/index.js";
import { runSync } from "../../../../src/sync/index.js";

const FIXTURES = "fixtures/sheets/marketing-plan";

async function demo() {
  const { mapping } = await loadMappingFile("mappings/demo-marketing-plan.yaml");
  if (mapping.kind !== "sheets") throw new Error("the demo mapping is a sheets mapping");
  const transport = createRecordedTransport(await loadRecordedSheet(FIXTURES));
  return {
    mapping,
    transport,
    connector: createSheetsConnector({ instance: "mkt-plan", mapping, transport }),
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function tempStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), "sightline-sheets-demo-"));
  const store = await openStore(join(dir, "sightline.db"));
  cleanups.push(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

const at = (iso: string) => () => iso;

describe("the demo's marketing plan, replayed through the connector into a real store", () => {
  it("stores Marketing's actions as the sheet has them", async () => {
    const { connector } = await demo();
    const store = await tempStore();
    const report = await runSync(connector, store.sync, { now: at("2026-01-05T09:00:00.000Z") });
    expect(report).toMatchObject({ inserted: 4, quarantined: 0, removed: 0, paused: null });

    const byKey = new Map((await store.actions.list()).map((a) => [a.nativeKey, a]));
    expect([...byKey.keys()].sort()).toEqual(["MKT-6", "MKT-7", "MKT-8", "MKT-9"]);
    expect(byKey.get("MKT-7")).toMatchObject({
      id: "mkt-plan:MKT-7",
      source: { kind: "sheets", instance: "mkt-plan" },
      title: "Go-to-market campaign",
      status: "in_progress",
      ownerRaw: "Sofia Lindqvist",
      team: "Marketing",
      start: "2026-03-09",
      due: "2026-03-31",
      baselineDue: "2026-03-31",
      dependsOn: [{ ref: "QA-9", type: "FS", lagDays: 0 }],
      kpis: ["activation"],
    });
    expect(byKey.get("MKT-8")).toMatchObject({
      title: "Pricing page",
      ownerRaw: "Marketing",
      status: "todo",
    });
    expect(byKey.get("MKT-9")).toMatchObject({
      title: "Launch event",
      kpis: [],
      dependsOn: [{ ref: "MKT-7" }],
    });
    expect(byKey.get("MKT-6")).toMatchObject({ title: "Press kit", status: "done" });
  });

  it("re-syncs an unchanged sheet with one request and writes nothing", async () => {
    const { connector, transport } = await demo();
    const store = await tempStore();
    await runSync(connector, store.sync, { now: at("2026-01-05T09:00:00.000Z") });
    transport.requests.length = 0;
    const again = await runSync(connector, store.sync, { now: at("2026-01-05T09:05:00.000Z") });
    expect(transport.requests).toEqual(["drive.files.get"]);
    expect(again).toMatchObject({ inserted: 0, updated: 0, removed: 0, changedIds: [] });
  });

  it("writes a replan back into the sheet; the next sync sees the new version and updates only that action", async () => {
    const { connector, transport } = await demo();
    const store = await tempStore();
    await runSync(connector, store.sync, { now: at("2026-01-05T09:00:00.000Z") });

    const item = await connector.writeBack("MKT-7", { start: "2026-04-13", due: "2026-05-05" });
    expect(item).toMatchObject({
      kind: "record",
      record: { nativeKey: "MKT-7", start: "2026-04-13", due: "2026-05-05" },
    });
    expect(transport.requests).toContain("values.update 'Plan'!E3:F3");
    expect(transport.grid[2]?.slice(4, 6)).toEqual([46125, 46147]);

    const report = await runSync(connector, store.sync, { now: at("2026-01-12T10:00:00.000Z") });
    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: 3, changedIds: ["mkt-plan:MKT-7"] });
    expect(await store.actions.get("mkt-plan:MKT-7")).toMatchObject({
      due: "2026-05-05",
      baselineDue: "2026-03-31",
    });
  });

  it("soft-deletes a row removed from the sheet (within the guard) and pauses when every row is gone", async () => {
    const { connector, transport } = await demo();
    const store = await tempStore();
    await runSync(connector, store.sync, { now: at("2026-01-05T09:00:00.000Z") });

    // Remove MKT-9's row (row 5), as deleting a row in Sheets would, and bump the file version.
    await transport.writeValues("", [{ range: "'Plan'!A5:G5", values: [["", "", "", "", "", "", ""]] }]);
    const report = await runSync(connector, store.sync, { now: at("2026-01-06T09:00:00.000Z") });
    expect(report).toMatchObject({ removed: 1, changedIds: ["mkt-plan:MKT-9"] });
    expect((await store.actions.get("mkt-plan:MKT-9"))?.removedAt).toBe("2026-01-06T09:00:00.000Z");

    for (const row of [2, 3, 4]) {
      await transport.writeValues("", [{ range: `'Plan'!A${row}:I${row}`, values: [Array(9).fill("")] }]);
    }
    const emptied = await runSync(connector, store.sync, { now: at("2026-01-07T09:00:00.000Z") });
    expect(emptied.paused).toMatch(/no data rows|empty/i);
    expect(emptied.removed).toBe(0);
    expect((await store.actions.list()).filter((a) => a.removedAt === null)).toHaveLength(3);
  });

  it("suggests and previews the mapping from the sheet itself, reading only", async () => {
    const { transport, mapping } = await demo();
    const { mapping: suggested } = await suggestMappingFromSheet(transport, {
      spreadsheetId: mapping.spreadsheetId,
      sampleRows: 20,
    });
    expect(suggested).toMatchObject({
      sheet: { id: 784512309, title: "Plan" },
      key: { column: "Key" },
      fields: { due: { column: "Due" }, status: { transform: { values: { WIP: "in_progress" } } } },
    });
    const preview = await previewSheetMapping(transport, mapping, { limit: 3 });
    expect(preview).toMatchObject({ dataRows: 4, validRows: 4, rowErrors: [] });
    expect(preview.actions.map((a) => a.nativeKey)).toEqual(["MKT-6", "MKT-7", "MKT-8"]);
    expect(transport.requests.filter((r) => r.startsWith("values.update"))).toEqual([]);
    expect(transport.requests).toContain("values.get 'Plan'!1:21");
  });
});
