import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadMappingFile, parseMappingText } from "../../../../src/mapping/load.js";
import { previewMapping } from "../../../../src/mapping/preview.js";
import { suggestMapping } from "../../../../src/mapping/suggest.js";
import { toYaml } from "../../../../src/mapping/to-yaml.js";

const demo: { values: (string | number)[][] } = JSON.parse(
  readFileSync("fixtures/sheets/marketing-plan/values-get.json", "utf8"),
);
const [demoHeader = [], ...demoRows] = demo.values;
const ID = "1mKtPLaNdEm0FinTechLaunch2026_xYz-0AbCdEfGhIj";

describe("mapping suggest", () => {
  it("proposes the demo plan's mapping from its header and rows", () => {
    const { mapping, unmappedHeaders } = suggestMapping({
      header: demoHeader,
      sampleRows: demoRows,
      spreadsheetId: ID,
      sheet: { id: 784512309, title: "Plan" },
      locale: "en_GB",
    });
    expect(mapping).toMatchObject({
      kind: "sheets",
      spreadsheetId: ID,
      sheet: { id: 784512309, title: "Plan" },
      key: { column: "Key" },
      fields: {
        title: { column: "Task" },
        owner: { column: "Owner", transform: "person" },
        status: {
          column: "Status",
          transform: {
            type: "enum",
            values: { Done: "done", WIP: "in_progress", "Not started": "todo" },
            default: "todo",
          },
        },
        start: { column: "Start", transform: "date" },
        due: { column: "Due", transform: "date" },
        dependsOn: { column: "Depends on", transform: "list" },
        kpis: { column: "KPI", transform: "list" },
      },
    });
    expect(unmappedHeaders).toEqual(["Notes"]);
  });

  it("recognises text dates and their day/month order, and date columns no header word names", () => {
    const { mapping, notes } = suggestMapping({
      header: ["Code", "Deliverable", "Kick-off", "When", "State"],
      sampleRows: [
        ["D-1", "Pricing page", "02/03/2026", 46112, "In flight"],
        ["D-2", "Launch event", "25/03/2026", 46128, "done"],
      ],
      path: "plan.csv",
    });
    expect(mapping).toMatchObject({
      kind: "csv",
      key: { column: "Code" },
      fields: {
        title: { column: "Deliverable" },
        start: { column: "Kick-off", transform: { type: "date", format: "DD/MM/YYYY" } },
        due: { column: "When", transform: "date" },
        status: { transform: { values: { "In flight": "todo", done: "done" } } },
      },
    });
    expect(notes).toEqual(
      expect.arrayContaining([
        'due: guessed column "When" (date column); check it',
        'status: "In flight" mapped to todo by default; check it',
      ]),
    );
  });

  it("prints a commented YAML file that loads back to the same mapping", () => {
    const { mapping, notes } = suggestMapping({
      header: demoHeader,
      sampleRows: demoRows,
      spreadsheetId: ID,
    });
    const yaml = toYaml(mapping, notes);
    expect(yaml.startsWith("# yaml-language-server: $schema=./mapping.schema.json")).toBe(true);
    expect(yaml).toContain("# Actions are identified by this column, never by row number.");
    expect(yaml).toContain('# - not mapped: "Notes"');
    const parsed = parseMappingText(yaml, "suggested.yaml");
    expect(parsed.ok ? parsed.mapping : parsed.errors).toEqual(mapping);
  });
});

describe("mapping preview", () => {
  it("shows the first actions as they would be stored and every row error, header row included in the numbering", async () => {
    const { mapping } = await loadMappingFile("mappings/demo-marketing-plan.yaml");
    const rows = [
      ...demo.values,
      ["MKT-10", "Partner webinar", "Sofia Lindqvist", "Paused", 46140, 46141],
      ["MKT-11", "", "Tom Becker", "WIP"],
    ];
    const preview = previewMapping(mapping, rows, { where: "sheet Plan", limit: 2 });
    expect(preview.actions.map((a) => a.nativeKey)).toEqual(["MKT-6", "MKT-7"]);
    expect(preview.actions[1]).toEqual({
      nativeKey: "MKT-7",
      url: null,
      title: "Go-to-market campaign",
      status: "in_progress",
      ownerRaw: "Sofia Lindqvist",
      team: "Marketing",
      businessUnit: "Payments",
      program: "Fintech launch",
      start: "2026-03-09",
      due: "2026-03-31",
      kpis: ["activation"],
      dependsOn: [{ ref: "QA-9", type: "FS", lagDays: 0 }],
      mirrors: [],
      sourceUpdatedAt: null,
    });
    expect(preview).toMatchObject({ dataRows: 6, validRows: 4 });
    expect(preview.rowErrors).toEqual([
      expect.objectContaining({
        location: "sheet Plan row 6",
        nativeKey: "MKT-10",
        field: "status",
        column: "Status",
      }),
      expect.objectContaining({
        location: "sheet Plan row 7",
        nativeKey: "MKT-11",
        field: "title",
        column: "Task",
      }),
    ]);
  });
});
