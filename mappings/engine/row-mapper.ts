import type { ActionRecordInput } from "../../src/model/index.js";
import type { PageItem } from "../../src/sync/contract.js";
import type { MappedField, Mapping } from "../schema.js";
import { type CellResult, readDate, readList, readPerson, readStatus, readText } from "./cells.js";
import {
  type Cell,
  type ColumnMap,
  cellText,
  columnLetter,
  type ResolvedColumn,
  type Row,
} from "./headers.js";

export interface RowMapperOptions {
  mapping: Mapping;
  columns: ColumnMap;
  /** Locale for text dates without a format: the mapping's, else the spreadsheet's. */
  locale: string | null;
  /** Human location of a row: `spreadsheet <id> sheet "Plan" row 14`, `file plan.csv line 9`. */
  location: (rowNumber: number) => string;
  /** URL of an action whose row has no url column (the sheet itself); never row-specific, see below. */
  defaultUrl: string | null;
}

interface FieldProblem {
  field: string;
  column: ResolvedColumn;
  reason: string;
}

export function nativeKeyFor(mapping: Mapping, keyCell: Cell): string | null {
  const text = cellText(keyCell);
  if (text === "") return null;
  const prefix = mapping.keyPrefix;
  return prefix && !text.startsWith(prefix) ? `${prefix}${text}` : text;
}

/**
 * The pure mapper: one sheet row in, one PageItem out. Stateful only in the keys it has seen, so that a key
 * used twice in a run is caught (the first row wins, later ones are rejected naming it). Rows that are
 * entirely blank are skipped, not errors: sheets are full of spacer rows.
 *
 * No record carries a row number or the sheet's modifiedTime: both change for every row when one row is
 * inserted or edited, and would make the store rewrite the whole sheet on each sync.
 */
export class RowMapper {
  private readonly seen = new Map<string, number>();
  private rows = 0;
  constructor(private readonly opts: RowMapperOptions) {}

  /** Rows that were not blank, mapped or rejected. */
  get dataRows(): number {
    return this.rows;
  }

  mapRow(row: Row, rowNumber: number): PageItem | null {
    if (row.every((c) => cellText(c) === "")) return null;
    this.rows++;
    const { mapping, columns } = this.opts;
    const location = this.opts.location(rowNumber);
    const raw = this.rawOf(row);
    const keyCol = columns.key;
    const nativeKey = nativeKeyFor(mapping, row[keyCol.index]);
    if (nativeKey === null) {
      return this.reject(
        location,
        null,
        { field: "nativeKey", column: keyCol, reason: "the key is empty" },
        raw,
      );
    }
    const first = this.seen.get(nativeKey);
    if (first !== undefined) {
      const reason = `duplicate key "${nativeKey}": already used by row ${first}; this row was ignored`;
      return this.reject(location, nativeKey, { field: "nativeKey", column: keyCol, reason }, raw);
    }
    this.seen.set(nativeKey, rowNumber);

    const problems: FieldProblem[] = [];
    const record = this.buildRecord(row, nativeKey, problems);
    const [firstProblem] = problems;
    if (firstProblem) {
      const reason = problems.map((p) => this.describe(p)).join("; ");
      return this.reject(location, nativeKey, { ...firstProblem, reason }, raw, reason);
    }
    return { kind: "record", record, origin: { location, nativeKey } };
  }

  private buildRecord(row: Row, nativeKey: string, problems: FieldProblem[]): ActionRecordInput {
    const { mapping, columns, locale } = this.opts;
    const { fields } = mapping;
    const constants = mapping.constants ?? {};
    const cell = (f: MappedField): Cell => {
      const col = columns.fields[f];
      return col ? row[col.index] : undefined;
    };
    const take = <T>(f: MappedField, r: CellResult<T>, fallback: T): T => {
      if (r.ok) return r.value;
      const column = columns.fields[f];
      if (column) problems.push({ field: f, column, reason: r.reason });
      return fallback;
    };
    const text = (f: "title" | "team" | "businessUnit" | "program" | "url") =>
      take(f, readText(cell(f), fields[f]?.transform), null);

    const title = text("title");
    if (title === null && columns.fields.title) {
      problems.push({ field: "title", column: columns.fields.title, reason: "the title is empty" });
    }
    const kpis = readList(cell("kpis"), fields.kpis?.transform);
    return {
      nativeKey,
      url: text("url") ?? this.opts.defaultUrl,
      title: title ?? "",
      status: fields.status
        ? take("status", readStatus(cell("status"), fields.status.transform), "todo")
        : "todo",
      ownerRaw:
        fields.owner?.transform === "trim"
          ? take("owner", readText(cell("owner"), "trim"), null)
          : readPerson(cell("owner")),
      team: text("team") ?? constants.team ?? null,
      businessUnit: text("businessUnit") ?? constants.businessUnit ?? null,
      program: text("program") ?? constants.program ?? null,
      start: take("start", readDate(cell("start"), fields.start?.transform, locale), null),
      due: take("due", readDate(cell("due"), fields.due?.transform, locale), null),
      kpis: kpis.length > 0 ? kpis : (constants.kpis ?? []),
      dependsOn: readList(cell("dependsOn"), fields.dependsOn?.transform).map((ref) => ({
        ref,
        type: "FS" as const,
        lagDays: 0,
      })),
      mirrors: readList(cell("mirrors"), fields.mirrors?.transform),
      sourceUpdatedAt: null,
    };
  }

  private describe(p: FieldProblem): string {
    return `${p.column.header} (column ${columnLetter(p.column.index)}): ${p.reason}`;
  }

  private reject(
    location: string,
    nativeKey: string | null,
    problem: FieldProblem,
    raw: Record<string, Cell>,
    reason = this.describe(problem),
  ): PageItem {
    return {
      kind: "rejected",
      reason,
      origin: { location, nativeKey, column: problem.column.header, field: problem.field },
      raw,
    };
  }

  /** The mapped cells of a row by header, kept with a rejection so the admin sees what was there. */
  private rawOf(row: Row): Record<string, Cell> {
    const { columns } = this.opts;
    const out: Record<string, Cell> = { [columns.key.header]: row[columns.key.index] ?? null };
    for (const col of Object.values(columns.fields)) out[col.header] = row[col.index] ?? null;
    return out;
  }
}
