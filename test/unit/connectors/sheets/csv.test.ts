import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { previewCsvMapping } from "../../../../connectors/csv/admin.js";
import { createCsvConnectorFromConfig } from "../../../../connectors/csv/config.js";
import { type CsvCursor, createCsvConnector } from "../../../../connectors/csv/connector.js";
import { parseCsv } from "../../../../connectors/csv/parse.js";
import { createSheetsConnector } from "../../../../connectors/sheets/connector.js";
import {
  createRecordedTransport,
  loadRecordedSheet,
} from "../../../../connectors/sheets/recorded-transport.js";
import { loadMappingFile } from "../../../../src/mapping/load.js";
import { CsvMappingSchema } from "../../../../src/mapping/schema.js";
import { ActionRecordSchema } from "../../../../src/model/index.js";
import type { SyncPage } from "../../../../src/sync/contract.js";

const dir = mkdtempSync(join(tmpdir(), "sightline-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fields = (text: string, delimiter?: string) => parseCsv(text, { delimiter }).map((r) => r.fields);

describe("RFC 4180 parsing", () => {
  it("reads quoted fields holding delimiters, doubled quotes and line breaks", () => {
    const text =
      'Key,Task,Notes\r\nMKT-7,"Go-to-market, phase 1","Said ""ready"" by\r\n20 Feb"\r\nMKT-8,Pricing,\r\n';
    expect(parseCsv(text)).toEqual([
      { fields: ["Key", "Task", "Notes"], line: 1 },
      { fields: ["MKT-7", "Go-to-market, phase 1", 'Said "ready" by\r\n20 Feb'], line: 2 },
      { fields: ["MKT-8", "Pricing", ""], line: 4 },
    ]);
  });

  it("handles LF, a missing final newline, empty fields, a BOM and other delimiters", () => {
    expect(fields("\uFEFFa,b\n,\n\nc,")).toEqual([["a", "b"], ["", ""], [""], ["c", ""]]);
    expect(fields("a;b\n1;2", ";")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(fields("")).toEqual([]);
  });

  it("keeps a stray quote inside an unquoted field; broken quoting breaks only its record, named by line", () => {
    expect(fields('5" screen,x')).toEqual([['5" screen', "x"]]);
    expect(parseCsv('a,b\n"open,x\ny,z')).toEqual([
      { fields: ["a", "b"], line: 1 },
      { fields: ["open", "x"], line: 2, error: "line 2: a quoted field is never closed" },
      { fields: ["y", "z"], line: 3 },
    ]);
    expect(parseCsv('a\n"quoted"tail,b\r\nc,"d"')).toEqual([
      { fields: ["a"], line: 1 },
      { fields: ["quotedtail", "b"], line: 2, error: 'line 2: unexpected "t" after a closing quote' },
      { fields: ["c", "d"], line: 3 },
    ]);
    // After a quoted field spanning lines, the broken record's line is where the stray text is.
    expect(parseCsv('k,"two\nlines"x,y\nz').map((r) => [r.line, r.error ?? null])).toEqual([
      [1, 'line 2: unexpected "x" after a closing quote'],
      [3, null],
    ]);
  });

  it("parses back whatever a writer that quotes every field wrote", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r\n", " ", "é") });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const text = rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(",")).join("\r\n");
          expect(fields(text)).toEqual(rows);
        },
      ),
    );
  });
});

const MAPPING = {
  kind: "csv",
  path: "plan.csv",
  key: { column: "Key" },
  keyPrefix: "MKT-",
  fields: {
    title: { column: "Task" },
    status: { column: "Status", transform: { type: "enum", values: { WIP: "in_progress", Done: "done" } } },
    due: { column: "Due", transform: { type: "date", format: "DD/MM/YYYY" } },
    dependsOn: { column: "Depends on", transform: "list" },
  },
};

async function collect(pages: AsyncIterable<SyncPage<CsvCursor>>) {
  const out: SyncPage<CsvCursor>[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

describe("the csv kind", () => {
  it("applies the same mapping to a CSV export, with row numbers as a spreadsheet shows them", async () => {
    const path = join(dir, "plan.csv");
    writeFileSync(
      path,
      'Due,Key,Task,Status,Depends on\n31/03/2026,7,"Go-to-market\ncampaign",WIP,"QA-9, PAY-142"\n31/02/2026,8,Pricing page,Done,\n',
    );
    const connector = createCsvConnector({
      instance: "mkt-csv",
      mapping: CsvMappingSchema.parse(MAPPING),
      path,
    });
    const pages = await collect(connector.pull(null));
    const items = pages.flatMap((p) => p.items);
    expect(items[0]).toMatchObject({
      kind: "record",
      record: {
        nativeKey: "MKT-7",
        title: "Go-to-market\ncampaign",
        status: "in_progress",
        due: "2026-03-31",
        dependsOn: [{ ref: "QA-9" }, { ref: "PAY-142" }],
      },
    });
    expect(items[1]).toMatchObject({
      kind: "rejected",
      origin: { location: "file plan.csv row 3 (line 4)", nativeKey: "MKT-8", column: "Due", field: "due" },
    });
    expect(pages.at(-1)?.snapshotComplete).toBe(true);

    const again = await collect(connector.pull(pages.at(-1)!.cursor));
    expect(again).toEqual([{ items: [], cursor: pages.at(-1)!.cursor }]);
  });

  it("quarantines a row with broken quotes by its line, keeps its key, and reads the rest", async () => {
    const path = join(dir, "broken.csv");
    writeFileSync(
      path,
      'Key,Task,Status,Due,Depends on\n7,"Brief "final" copy,WIP,31/03/2026,\n8,"Launch,Done,01/04/2026,\n9,Pricing,WIP,02/04/2026,\n',
    );
    const connector = createCsvConnector({
      instance: "mkt-csv",
      mapping: CsvMappingSchema.parse(MAPPING),
      path,
    });
    const pages = await collect(connector.pull(null));
    const items = pages.flatMap((p) => p.items);
    expect(items.map((i) => [i.kind, i.origin.location, i.origin.nativeKey])).toEqual([
      ["rejected", "file broken.csv row 2", "MKT-7"],
      ["rejected", "file broken.csv row 3", "MKT-8"],
      ["record", "file broken.csv row 4", "MKT-9"],
    ]);
    expect(items[0]?.kind === "rejected" && items[0].reason).toBe(
      'line 2: unexpected "f" after a closing quote: the row was not read (MKT-7 keeps what was stored); fix its quotes in the file',
    );
    expect(items[1]?.kind === "rejected" && items[1].reason).toContain(
      "line 3: a quoted field is never closed",
    );
    expect(pages.at(-1)?.snapshotComplete).toBe(true);
  });

  it("reads a Windows-1252 export right, saying it guessed, and warns about bytes invalid in a declared encoding", async () => {
    const path = join(dir, "latin1.csv");
    // Excel's plain "CSV" on a French Windows: Windows-1252 bytes, semicolons.
    writeFileSync(path, Buffer.from("Key;Task;Status\n7;Présentation à Zoë;WIP\n", "latin1"));
    const mapping = (extra: object) =>
      CsvMappingSchema.parse({ ...MAPPING, delimiter: ";", fields: { title: { column: "Task" } }, ...extra });
    const pull = async (extra: object) =>
      (
        await collect(createCsvConnector({ instance: "mkt-csv", mapping: mapping(extra), path }).pull(null))
      ).flatMap((p) => p.items);

    const guessed = await pull({});
    expect(guessed[0]).toMatchObject({
      kind: "rejected",
      origin: { location: "file latin1.csv line 2", field: "encoding" },
    });
    expect(guessed[0]?.kind === "rejected" && guessed[0].reason).toContain("read as windows-1252");
    expect(guessed[1]).toMatchObject({ kind: "record", record: { title: "Présentation à Zoë" } });

    const declared = await pull({ encoding: "windows-1252" });
    expect(declared.map((i) => i.kind)).toEqual(["record"]);
    expect(declared[0]).toMatchObject({ record: { title: "Présentation à Zoë" } });

    const wrong = await pull({ encoding: "utf-8" });
    expect(wrong[0]).toMatchObject({ kind: "rejected", origin: { field: "encoding" } });
    expect(wrong[0]?.kind === "rejected" && wrong[0].reason).toContain("not valid utf-8 (first on line 2)");
    expect(wrong[1]).toMatchObject({
      kind: "record",
      record: { title: "Pr\uFFFDsentation \uFFFD Zo\uFFFD" },
    });

    expect(
      CsvMappingSchema.safeParse({ ...MAPPING, encoding: "klingon" }).error?.issues[0]?.message,
    ).toContain("not an encoding Sightline can read");
  });

  it("resolves the CSV path against the mapping file and pauses on an empty export", async () => {
    const sub = join(dir, "team");
    const mappingFile = join(dir, "mapping.yaml");
    mkdirSync(sub, { recursive: true });
    writeFileSync(
      mappingFile,
      `kind: csv\npath: team/export.csv\nkey: { column: Key }\nfields:\n  title: { column: Task }\n`,
    );
    writeFileSync(join(sub, "export.csv"), "Key,Task\n");
    const connector = await createCsvConnectorFromConfig("team-csv", { mapping: mappingFile, pageSize: 100 });
    await expect(collect(connector.pull(null))).rejects.toMatchObject({
      code: "mapping_source_empty",
      pausesSync: true,
    });
  });

  it("previews a csv mapping without writing anything", async () => {
    const path = join(dir, "preview.csv");
    writeFileSync(path, "Key,Task,Status,Due,Depends on\n1,Brief,Done,01/02/2026\n2,Launch,Someday,\n");
    const preview = await previewCsvMapping(CsvMappingSchema.parse(MAPPING), path);
    expect(preview.actions.map((a) => [a.nativeKey, a.status, a.due])).toEqual([
      ["MKT-1", "done", "2026-02-01"],
    ]);
    expect(preview.rowErrors).toEqual([
      expect.objectContaining({ location: "file preview.csv row 3", field: "status" }),
    ]);
  });

  it("reads the demo plan's CSV export into the same actions as the live sheet", async () => {
    const pick = (r: unknown) => {
      const { nativeKey, title, status, ownerRaw, team, start, due, dependsOn, kpis } =
        ActionRecordSchema.parse(r);
      return { nativeKey, title, status, ownerRaw, team, start, due, dependsOn, kpis };
    };
    const csv = await createCsvConnectorFromConfig("mkt-csv", {
      mapping: "fixtures/sheets/csv-mapping.yaml",
      pageSize: 100,
    });
    const fromCsv: unknown[] = [];
    for await (const page of csv.pull(null))
      for (const i of page.items) fromCsv.push(i.kind === "record" ? pick(i.record) : i);

    const { mapping } = await loadMappingFile("mappings/demo-marketing-plan.yaml");
    if (mapping.kind !== "sheets") throw new Error("sheets mapping expected");
    const transport = createRecordedTransport(await loadRecordedSheet("fixtures/sheets/marketing-plan"));
    const sheet = createSheetsConnector({ instance: "mkt-plan", mapping, transport });
    const fromSheet: unknown[] = [];
    for await (const page of sheet.pull(null))
      for (const i of page.items) fromSheet.push(i.kind === "record" ? pick(i.record) : i);

    expect(fromCsv).toHaveLength(4);
    expect(fromCsv).toEqual(fromSheet);
  });
});
