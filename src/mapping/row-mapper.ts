import type { ActionRecordInput, ActionStatus, CalendarDate, DependencyRef } from "../model/index.js";
import type { PageItem } from "../sync/contract.js";
import { type CellResult, readDate, readList, readPerson, readStatus, readText } from "./cells.js";
import {
  type Cell,
  type ColumnMap,
  cellText,
  columnLetter,
  type ResolvedColumn,
  type Row,
} from "./headers.js";
import type { MappedField, Mapping } from "./schema.js";

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

/** Bounds the per-mapper date caches: plans hold a few thousand distinct dates, not millions. */
const DATE_CACHE_LIMIT = 50_000;

const isBlank = (cell: Cell): boolean =>
  cell === undefined || cell === null || (typeof cell === "string" && cell.trim() === "");

const toDependency = (ref: string): DependencyRef => ({ ref, type: "FS", lagDays: 0 });

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
  private readonly statusCache = new Map<string, CellResult<ActionStatus>>();
  private readonly startCache = new Map<string | number, CellResult<CalendarDate | null>>();
  private readonly dueCache = new Map<string | number, CellResult<CalendarDate | null>>();
  private problems: FieldProblem[] = [];
  private rows = 0;
  constructor(private readonly opts: RowMapperOptions) {}

  /** Rows that were not blank, mapped or rejected. */
  get dataRows(): number {
    return this.rows;
  }

  mapRow(row: Row, rowNumber: number): PageItem | null {
    if (row.every(isBlank)) return null;
    this.rows++;
    const { mapping, columns } = this.opts;
    const location = this.opts.location(rowNumber);
    const keyCol = columns.key;
    const nativeKey = nativeKeyFor(mapping, row[keyCol.index]);
    if (nativeKey === null) {
      const problem = { field: "nativeKey", column: keyCol, reason: "the key is empty" };
      return this.reject(row, location, null, problem);
    }
    const first = this.seen.get(nativeKey);
    if (first !== undefined) {
      const reason = `duplicate key "${nativeKey}": already used by row ${first}; this row was ignored`;
      return this.reject(row, location, nativeKey, { field: "nativeKey", column: keyCol, reason });
    }
    this.seen.set(nativeKey, rowNumber);

    this.problems = [];
    const record = this.buildRecord(row, nativeKey);
    const problems = this.problems;
    const [firstProblem] = problems;
    if (firstProblem) {
      const reason = problems.map((p) => this.describe(p)).join("; ");
      return this.reject(row, location, nativeKey, { ...firstProblem, reason }, reason);
    }
    return { kind: "record", record, origin: { location, nativeKey } };
  }

  private cell(row: Row, field: MappedField): Cell {
    const col = this.opts.columns.fields[field];
    return col ? row[col.index] : undefined;
  }

  private take<T>(field: MappedField, result: CellResult<T>, fallback: T): T {
    if (result.ok) return result.value;
    const column = this.opts.columns.fields[field];
    if (column) this.problems.push({ field, column, reason: result.reason });
    return fallback;
  }

  private text(row: Row, field: "title" | "team" | "businessUnit" | "program" | "url"): string | null {
    const spec = this.opts.mapping.fields[field];
    return spec ? this.take(field, readText(this.cell(row, field), spec.transform), null) : null;
  }

  /** Statuses and dates repeat across rows (a few distinct values each): parsed once per mapper. */
  private status(row: Row): ActionStatus {
    const spec = this.opts.mapping.fields.status;
    if (!spec) return "todo";
    const cell = this.cell(row, "status");
    const key = cellText(cell);
    let result = this.statusCache.get(key);
    if (!result) {
      result = readStatus(cell, spec.transform);
      this.statusCache.set(key, result);
    }
    return this.take("status", result, "todo");
  }

  private date(row: Row, field: "start" | "due"): CalendarDate | null {
    const spec = this.opts.mapping.fields[field];
    if (!spec) return null;
    const cell = this.cell(row, field);
    const cache = field === "start" ? this.startCache : this.dueCache;
    const key = typeof cell === "number" || typeof cell === "string" ? cell : null;
    let result = key === null ? undefined : cache.get(key);
    if (!result) {
      result = readDate(cell, spec.transform, this.opts.locale);
      if (key !== null && cache.size < DATE_CACHE_LIMIT) cache.set(key, result);
    }
    return this.take(field, result, null);
  }

  private buildRecord(row: Row, nativeKey: string): ActionRecordInput {
    const { mapping, columns } = this.opts;
    const { fields } = mapping;
    const constants = mapping.constants ?? {};
    const title = this.text(row, "title");
    if (title === null && columns.fields.title) {
      this.problems.push({ field: "title", column: columns.fields.title, reason: "the title is empty" });
    }
    const kpis = fields.kpis ? readList(this.cell(row, "kpis"), fields.kpis.transform) : [];
    const dependsOn = fields.dependsOn
      ? readList(this.cell(row, "dependsOn"), fields.dependsOn.transform)
      : [];
    return {
      nativeKey,
      url: this.text(row, "url") ?? this.opts.defaultUrl,
      title: title ?? "",
      status: this.status(row),
      ownerRaw: !fields.owner
        ? null
        : fields.owner.transform === "trim"
          ? this.take("owner", readText(this.cell(row, "owner"), "trim"), null)
          : readPerson(this.cell(row, "owner")),
      team: this.text(row, "team") ?? constants.team ?? null,
      businessUnit: this.text(row, "businessUnit") ?? constants.businessUnit ?? null,
      program: this.text(row, "program") ?? constants.program ?? null,
      start: this.date(row, "start"),
      due: this.date(row, "due"),
      kpis: kpis.length > 0 ? kpis : (constants.kpis ?? []),
      dependsOn: dependsOn.map(toDependency),
      mirrors: fields.mirrors ? readList(this.cell(row, "mirrors"), fields.mirrors.transform) : [],
      sourceUpdatedAt: null,
    };
  }

  private describe(p: FieldProblem): string {
    return `${p.column.header} (column ${columnLetter(p.column.index)}): ${p.reason}`;
  }

  private reject(
    row: Row,
    location: string,
    nativeKey: string | null,
    problem: FieldProblem,
    reason = this.describe(problem),
  ): PageItem {
    return {
      kind: "rejected",
      reason,
      origin: { location, nativeKey, column: problem.column.header, field: problem.field },
      raw: this.rawOf(row),
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
