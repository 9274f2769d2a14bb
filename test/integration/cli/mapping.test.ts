import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "./cli-harness.js";

const recorded = "fixtures/sheets/marketing-plan";
const spreadsheetId = "1mKtPLaNdEm0FinTechLaunch2026_xYz-0AbCdEfGhIj";

describe("sightline mapping", () => {
  it("suggests a mapping from a sheet's header and sample that validates and previews", async () => {
    const suggest = await runCli([
      "mapping",
      "suggest",
      "--spreadsheet",
      spreadsheetId,
      "--recorded",
      recorded,
    ]);
    expect(suggest.code, suggest.err).toBe(0);
    const mapping = parse(suggest.out) as {
      key: { column: string };
      fields: Record<string, { column: string }>;
    };
    expect(mapping.key.column).toBe("Key");
    expect(mapping.fields.title?.column).toBe("Task");
    expect(mapping.fields.due?.column).toBe("Due");

    const file = join(mkdtempSync(join(tmpdir(), "sightline-mapping-")), "suggested.yaml");
    writeFileSync(file, suggest.out);
    expect((await runCli(["mapping", "validate", file])).out).toContain("valid sheets mapping");
    const preview = await runCli(["mapping", "preview", file, "--recorded", recorded]);
    expect(preview.code, preview.err).toBe(0);
    expect(preview.out).toMatch(/MKT-7\s+Go-to-market campaign/);
  });

  it("reports every problem of a bad mapping file with where it is", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sightline-mapping-")), "bad.yaml");
    writeFileSync(
      file,
      "kind: sheets\nspreadsheetId: x\nfields:\n  due:\n    column: Due\n    transform: dat\n",
    );
    const run = await runCli(["mapping", "validate", file]);
    expect(run.code).toBe(1);
    expect(run.err).toContain("bad.yaml");
    expect(run.err).toMatch(/spreadsheetId/);
    expect(run.err).toMatch(/key/);
    expect(run.err).toMatch(/transform/);
  });

  it("previews the demo mapping without writing anything", async () => {
    const run = await runCli([
      "mapping",
      "preview",
      "mappings/demo-marketing-plan.yaml",
      "--recorded",
      recorded,
    ]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain("rows map to actions (nothing was written)");
    expect(run.out).toMatch(/MKT-8\s+Pricing page\s+todo\s+Marketing/);
  });
});

describe("mapping suggest on a French Excel export", () => {
  it("detects the semicolons, the day-first dates and the statuses, and ends with the config lines", async () => {
    const run = await runCli(["mapping", "suggest", "--csv", "fixtures/csv/tracker-fr-excel.csv"]);
    expect(run.code, run.err).toBe(0);
    const yaml = parse(run.out) as {
      delimiter: string;
      key: { column: string };
      fields: Record<string, { column: string; transform?: unknown }>;
    };
    expect(yaml.delimiter).toBe(";");
    expect(yaml.key.column).toBe("Tâche");
    expect(yaml.fields.start?.transform).toEqual({ type: "date", format: "DD/MM/YYYY" });
    expect(yaml.fields.status?.transform).toMatchObject({
      values: { "Done ✅": "done", "En cours 🚧": "in_progress", "À faire": "todo", "Bloqué ⛔": "blocked" },
    });
    const tail = run.out.trimEnd().split("\n").slice(-3);
    expect(tail).toEqual([
      "#   - id: tracker-fr-excel",
      "#     kind: csv",
      "#     mapping: fixtures/csv/tracker-fr-excel.mapping.yaml",
    ]);
    const forced = await runCli([
      "mapping",
      "suggest",
      "--csv",
      "fixtures/csv/tracker-fr-excel.csv",
      "--delimiter",
      ",",
    ]);
    expect(forced.out).not.toContain("delimiter: ;");
  });
});
