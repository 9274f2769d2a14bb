import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildMappingJsonSchema, SCHEMA_PATH } from "../../../../src/mapping/generate-json-schema.js";
import { loadMappingFile, validateMappingFile } from "../../../../src/mapping/load.js";
import { ValidationError } from "../../../../src/model/index.js";

const dir = mkdtempSync(join(tmpdir(), "sightline-mapping-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const VALID = `kind: sheets
spreadsheetId: 1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms
key: { column: Key }
fields:
  title: { column: Task }
`;

describe("mapping files", () => {
  it("accepts the demo's marketing plan mapping", async () => {
    const result = await validateMappingFile("mappings/demo-marketing-plan.yaml");
    expect(result.ok ? result.mapping : result.errors).toMatchObject({
      kind: "sheets",
      sheet: { id: 784512309, title: "Plan" },
      key: { column: "Key" },
      fields: { status: { transform: { type: "enum", default: "todo" } } },
    });
  });

  it("fills defaults: header row 1, first tab, every column required unless said otherwise", async () => {
    const result = await validateMappingFile(file("min.yaml", VALID));
    expect(result.ok && result.mapping).toMatchObject({ headerRow: 1, sheet: {} });
  });

  it("lists every problem with the file, its path in the document and its line", async () => {
    const path = file(
      "bad.yaml",
      `kind: sheets
spreadsheetId: 1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms
headerRow: 0
fields:
  title: { column: Task }
  status:
    column: Status
    transform:
      type: enum
      values:
        WIP: working
  due: { column: Due, transform: { type: date, format: "DD/MM" } }
  owner: { column: Owner, trasnform: person }
`,
    );
    const result = await validateMappingFile(path);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((e) => ({ path: e.path, line: e.line, file: e.file }))).toEqual(
      expect.arrayContaining([
        { path: "headerRow", line: 3, file: path },
        { path: "key", line: 1, file: path },
        { path: "fields.status.transform.values.WIP", line: 11, file: path },
        { path: "fields.due.transform.format", line: 12, file: path },
        { path: "fields.owner.trasnform", line: 13, file: path },
      ]),
    );
    expect(errors.find((e) => e.path === "fields.owner.trasnform")?.message).toBe('unknown key "trasnform"');
    expect(errors.find((e) => e.path === "fields.status.transform.values.WIP")?.message).toMatch(
      /in_progress/,
    );
  });

  it("reports YAML syntax errors with their line", async () => {
    const result = await validateMappingFile(
      file("syntax.yaml", `${VALID}  due: { column: Due\nconstants: {}\n`),
    );
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.line !== null && e.line >= 6)).toBe(true);
  });

  it("rejects a file that cannot be read, naming it", async () => {
    const result = await validateMappingFile(join(dir, "missing.yaml"));
    expect(result.ok ? null : result.errors[0]).toMatchObject({
      file: join(dir, "missing.yaml"),
      message: /ENOENT/,
    });
  });

  it("throws a ValidationError naming the file and each issue when loading for a sync", async () => {
    const path = file("unknown-kind.yaml", VALID.replace("kind: sheets", "kind: excel"));
    const error = await loadMappingFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ where: path, issues: [expect.stringMatching(/^line 1: kind: /)] });
  });

  it("keeps the checked-in JSON Schema identical to the one generated from the zod schema", () => {
    expect(readFileSync(SCHEMA_PATH, "utf8")).toBe(buildMappingJsonSchema());
  });

  it("gives editors the same constraints the loader enforces", () => {
    const schema = JSON.parse(buildMappingJsonSchema());
    const sheets = schema.oneOf.find(
      (s: { properties: { kind: { const: string } } }) => s.properties.kind.const === "sheets",
    );
    expect(sheets.required).toEqual(["kind", "spreadsheetId", "key", "fields"]);
    expect(sheets.additionalProperties).toBe(false);
    expect(sheets.properties.fields.required).toEqual(["title"]);
    const statusValues = JSON.stringify(sheets.properties.fields.properties.status);
    expect(statusValues).toContain('"enum":["todo","in_progress","blocked","done","cancelled"]');
  });
});
