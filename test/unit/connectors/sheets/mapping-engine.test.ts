import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dateToSerial,
  formatTextDate,
  parseTextDate,
  SHEETS_EPOCH_DAY,
  serialToDate,
} from "../../../../src/mapping/dates.js";
import { MappingError } from "../../../../src/mapping/errors.js";
import { closestHeader, columnLetter, type Row, resolveColumns } from "../../../../src/mapping/headers.js";
import { RowMapper } from "../../../../src/mapping/row-mapper.js";
import { type Mapping, MappingSchema } from "../../../../src/mapping/schema.js";
import { daysFromCivil, fromDayNumber } from "../../../../src/model/index.js";

const WHERE = 'spreadsheet X sheet "Plan"';

function mapping(fields: Record<string, unknown>, extra: Record<string, unknown> = {}): Mapping {
  return MappingSchema.parse({
    kind: "sheets",
    spreadsheetId: "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms",
    key: { column: "Key" },
    fields: { title: { column: "Task" }, ...fields },
    ...extra,
  });
}

function mapRows(m: Mapping, rows: Row[]) {
  const [header = [], ...data] = rows;
  const mapper = new RowMapper({
    mapping: m,
    columns: resolveColumns(header, m, WHERE),
    locale: "en_GB",
    location: (n) => `${WHERE} row ${n}`,
    defaultUrl: null,
  });
  return data.map((row, i) => mapper.mapRow(row, i + 2));
}

function thrown(fn: () => unknown): MappingError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MappingError) return error;
    throw error;
  }
  throw new Error("expected a MappingError");
}

describe("header resolution", () => {
  const m = mapping({
    due: { column: "Due", aliases: ["Deadline"] },
    dependsOn: { column: "Depends on" },
    kpis: { column: "KPI", required: false },
  });

  it("matches headers ignoring case and spaces, through aliases, wherever the columns are", () => {
    const cols = resolveColumns(["  deadline ", "TASK", "DependsOn", "key"], m, WHERE);
    expect(cols.key.index).toBe(3);
    expect(cols.fields).toEqual({
      title: { header: "TASK", index: 1 },
      due: { header: "deadline", index: 0 },
      dependsOn: { header: "DependsOn", index: 2 },
    });
  });

  it("names every missing required header with the closest header the sheet has", () => {
    const e = thrown(() => resolveColumns(["Key", "Task name", "Due date", "Depends on"], m, WHERE));
    expect(e.code).toBe("mapping_header_missing");
    expect(e.missing).toEqual([
      { field: "title", header: "Task", closest: "Task name" },
      { field: "due", header: "Due", closest: "Due date" },
    ]);
    expect(e.message).toContain('"Due" (due), closest header is "Due date"');
  });

  it("prefers a header no other field uses as the closest one", () => {
    expect(closestHeader("Owner", ["Owners", "Own"])).toBe("Owners");
    const e = thrown(() =>
      resolveColumns(
        ["Key", "Task", "Tasks", "Depends on"],
        mapping({ owner: { column: "Task owner" } }),
        WHERE,
      ),
    );
    expect(e.missing).toEqual([{ field: "owner", header: "Task owner", closest: "Tasks" }]);
  });

  it("rejects a mapped name that matches two columns, naming both with their letters", () => {
    const e = thrown(() => resolveColumns(["Key", "Task", "Due", "Depends on", "due "], m, WHERE));
    expect(e.code).toBe("mapping_header_duplicate");
    expect(e.duplicates).toEqual(['due matches "Due" (column C) and "due" (column E)']);
    const viaAlias = thrown(() => resolveColumns(["Key", "Task", "Due", "Depends on", "Deadline"], m, WHERE));
    expect(viaAlias.duplicates).toEqual(['due matches "Due" (column C) and "Deadline" (column E)']);
  });

  it("ignores duplicated headers the mapping does not use", () => {
    expect(() =>
      resolveColumns(["Key", "Task", "Due", "Depends on", "Notes", "Notes"], m, WHERE),
    ).not.toThrow();
  });

  it("spells column letters as the sheet does", () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual([
      "A",
      "Z",
      "AA",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });
});

describe("dates", () => {
  it("counts serials from the Sheets epoch 1899-12-30", () => {
    expect(fromDayNumber(SHEETS_EPOCH_DAY)).toBe("1899-12-30");
    expect(dateToSerial("1899-12-31")).toBe(1);
    expect(serialToDate(25569)).toEqual({ ok: true, date: "1970-01-01" });
    expect(serialToDate(46034)).toEqual({ ok: true, date: "2026-01-12" });
    // A date-time serial: the time of day does not move the date.
    expect(serialToDate(46034.99)).toEqual({ ok: true, date: "2026-01-12" });
  });

  it("does not take a stray small number for a date", () => {
    expect(serialToDate(7)).toEqual({
      ok: false,
      reason: expect.stringContaining("7 is a number, not a date"),
    });
  });

  it("round-trips every plausible date through its serial", () => {
    const lo = daysFromCivil(1970, 1, 1);
    const hi = daysFromCivil(2199, 12, 31);
    fc.assert(
      fc.property(fc.integer({ min: lo, max: hi }), (day) => {
        const date = fromDayNumber(day);
        expect(serialToDate(dateToSerial(date))).toEqual({ ok: true, date });
      }),
    );
  });

  it("reads text dates with an explicit format and refuses impossible ones", () => {
    expect(parseTextDate("29/02/2028", { format: "DD/MM/YYYY" })).toEqual({ ok: true, date: "2028-02-29" });
    expect(parseTextDate("31/02/2026", { format: "DD/MM/YYYY" })).toEqual({
      ok: false,
      reason: '"31/02/2026" is not a real date (read as day 31, month 2, year 2026)',
    });
    expect(parseTextDate("2026-02-03", { format: "DD/MM/YYYY" })).toMatchObject({ ok: false });
    expect(parseTextDate("9 Mar 2026", { format: "D MMM YYYY" })).toEqual({ ok: true, date: "2026-03-09" });
  });

  it("reads text dates without a format in the locale's order, ISO always", () => {
    expect(parseTextDate("03/04/2026", { locale: "en_US" })).toEqual({ ok: true, date: "2026-03-04" });
    expect(parseTextDate("03/04/2026", { locale: "en_GB" })).toEqual({ ok: true, date: "2026-04-03" });
    expect(parseTextDate("03.04.2026", { locale: "de_DE" })).toEqual({ ok: true, date: "2026-04-03" });
    expect(parseTextDate("2026-04-03", { locale: "en_US" })).toEqual({ ok: true, date: "2026-04-03" });
    expect(parseTextDate("next Tuesday", { locale: "en_GB" })).toMatchObject({ ok: false });
  });

  it("without a locale, reads a numeric date only when one order makes it real, and says why otherwise", () => {
    expect(parseTextDate("31/03/2026", {})).toEqual({ ok: true, date: "2026-03-31" });
    expect(parseTextDate("03/31/2026", { locale: null })).toEqual({ ok: true, date: "2026-03-31" });
    expect(parseTextDate("04.04.2026", {})).toEqual({ ok: true, date: "2026-04-04" });
    expect(parseTextDate("2026/04/03", {})).toEqual({ ok: true, date: "2026-04-03" });
    const ambiguous = parseTextDate("03/04/2026", {});
    expect(ambiguous).toMatchObject({ ok: false });
    const reason = ambiguous.ok ? "" : ambiguous.reason;
    expect(reason).toContain('"03/04/2026" could be 2026-04-03 (day first) or 2026-03-04 (month first)');
    expect(reason).toContain("set the mapping's locale");
    expect(parseTextDate("Mar 14", {})).toMatchObject({
      ok: false,
      reason: expect.stringContaining("no year"),
    });
    expect(parseTextDate("31/02/2026", {})).toMatchObject({
      ok: false,
      reason: expect.stringContaining("there is no such day (31 february 2026)"),
    });
  });

  it("writes back in the format it reads", () => {
    const formats = ["DD/MM/YYYY", "M/D/YYYY", "D MMM YYYY", "YYYY.MM.DD", "DD-MM-YY"];
    fc.assert(
      fc.property(
        fc.integer({ min: daysFromCivil(2000, 1, 1), max: daysFromCivil(2099, 12, 31) }),
        fc.constantFrom(...formats),
        (day, format) => {
          const date = fromDayNumber(day);
          expect(parseTextDate(formatTextDate(date, format), { format })).toEqual({ ok: true, date });
        },
      ),
    );
  });
});

describe("row mapping", () => {
  it("reads short rows as blanks and skips blank rows", () => {
    const m = mapping({ owner: { column: "Owner" }, due: { column: "Due" } });
    const items = mapRows(m, [
      ["Key", "Task", "Owner", "Due"],
      ["A-1", "Short"],
      [],
      ["", " ", ""],
      ["A-2", "Full", "Dana", 46100],
    ]);
    expect(items[1]).toBeNull();
    expect(items[2]).toBeNull();
    expect(items[0]).toMatchObject({
      kind: "record",
      record: { nativeKey: "A-1", ownerRaw: null, due: null },
    });
    expect(items[3]).toMatchObject({
      kind: "record",
      record: { nativeKey: "A-2", ownerRaw: "Dana", due: "2026-03-19" },
    });
  });

  it("prefixes numeric keys and leaves keys that already carry the prefix", () => {
    const m = mapping({}, { keyPrefix: "MKT-" });
    const items = mapRows(m, [
      ["Key", "Task"],
      [7, "Seven"],
      ["MKT-8", "Eight"],
      ["9", "Nine"],
    ]);
    expect(items.map((i) => i?.origin.nativeKey)).toEqual(["MKT-7", "MKT-8", "MKT-9"]);
  });

  it("fills empty cells from constants, never overriding what the sheet says", () => {
    const m = mapping(
      { team: { column: "Team" }, kpis: { column: "KPI" } },
      { constants: { team: "Marketing", businessUnit: "Payments", kpis: ["activation"] } },
    );
    const items = mapRows(m, [
      ["Key", "Task", "Team", "KPI"],
      ["A-1", "x", "Brand", "nps; arr"],
      ["A-2", "y"],
    ]);
    expect(items[0]).toMatchObject({
      record: { team: "Brand", businessUnit: "Payments", kpis: ["nps", "arr"] },
    });
    expect(items[1]).toMatchObject({
      record: { team: "Marketing", businessUnit: "Payments", kpis: ["activation"] },
    });
  });

  it("maps statuses through the table, accepts canonical names, uses the default only for empty cells", () => {
    const m = mapping({
      status: {
        column: "Status",
        transform: { type: "enum", values: { "W.I.P": "in_progress" }, default: "todo" },
      },
    });
    const items = mapRows(m, [
      ["Key", "Task", "Status"],
      ["A", "t", " w.i.p "],
      ["B", "t", "Done"],
      ["C", "t"],
      ["D", "t", "Soon"],
    ]);
    expect(items.slice(0, 3).map((i) => (i?.kind === "record" ? i.record : null))).toMatchObject([
      { status: "in_progress" },
      { status: "done" },
      { status: "todo" },
    ]);
    expect(items[3]).toMatchObject({ kind: "rejected", origin: { field: "status", column: "Status" } });
  });

  it("splits lists on a custom separator and drops duplicates", () => {
    const m = mapping({ dependsOn: { column: "After", transform: { type: "list", separator: "|" } } });
    const [item] = mapRows(m, [
      ["Key", "Task", "After"],
      ["A", "t", "PAY-142 | QA-9|PAY-142|"],
    ]);
    expect(item).toMatchObject({
      record: {
        dependsOn: [
          { ref: "PAY-142", type: "FS", lagDays: 0 },
          { ref: "QA-9", type: "FS", lagDays: 0 },
        ],
      },
    });
  });

  it("reports every bad field of a row in one rejection, the first one as its field", () => {
    const m = mapping({
      start: { column: "Start" },
      due: { column: "Due", transform: { type: "date", format: "DD/MM/YYYY" } },
    });
    const [item] = mapRows(m, [
      ["Key", "Task", "Start", "Due"],
      ["A", "", true, "31/02/2026"],
    ]);
    expect(item).toMatchObject({
      kind: "rejected",
      origin: { nativeKey: "A", field: "title", column: "Task", location: `${WHERE} row 2` },
      raw: { Key: "A", Task: "", Start: true, Due: "31/02/2026" },
    });
    expect(item?.kind === "rejected" ? item.reason.split("; ") : []).toEqual([
      "Task (column B): the title is empty",
      "Start (column C): true is not a date",
      'Due (column D): "31/02/2026" is not a real date (read as day 31, month 2, year 2026)',
    ]);
  });
});
