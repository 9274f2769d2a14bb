import { relative } from "node:path";
import { type SheetsTransport, sheetsMappingEditor } from "../../../connectors/registry.js";
import { cellText } from "../../mapping/headers.js";
import {
  type MappingPreview,
  type SheetsMapping,
  SheetsMappingSchema,
  suggestMapping,
  validateMappingFile,
} from "../../mapping/index.js";
import type { EditorSheet, EditorSheetQuery } from "../api/schemas.js";
import { type ResolvedWebDeps, type SheetSource, sheetsInstanceConfig } from "../deps.js";
import { WebError } from "../errors.js";
import { cachingTransport } from "./caching-transport.js";
import { MappingInvalidError } from "./mapping-invalid.js";

const SAMPLE_ROWS = 50;
const SHOWN_ROWS = 5;
const TRANSPORT_TTL_MS = 60_000;

export interface CurrentMapping {
  /** Absolute path from the instance's config. */
  path: string;
  mapping: SheetsMapping | null;
  issues: string[];
}

/** A configured sheets instance's mapping file as it is now (invalid files are reported, not thrown). */
export async function currentMapping(deps: ResolvedWebDeps, instance: string): Promise<CurrentMapping> {
  const path = sheetsInstanceConfig(deps.ctx, instance).mapping;
  const result = await validateMappingFile(path);
  if (!result.ok) {
    return {
      path,
      mapping: null,
      issues: result.errors.map((e) => `${e.path ? `${e.path}: ` : ""}${e.message}`),
    };
  }
  if (result.mapping.kind !== "sheets") return { path, mapping: null, issues: ["kind: expected sheets"] };
  return { path, mapping: result.mapping, issues: [] };
}

/** Validates a mapping posted by the editor or an API client with the schema the CLI and the sync use. */
export function parseSheetsMapping(input: unknown): SheetsMapping {
  const parsed = SheetsMappingSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new MappingInvalidError(
    parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
  );
}

function distinctValues(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  header.forEach((h, i) => {
    if (h === "") return;
    const seen = new Set<string>();
    for (const r of rows) {
      const cell = r[i];
      const text =
        typeof cell === "string" || typeof cell === "number" || typeof cell === "boolean"
          ? cellText(cell)
          : "";
      if (text !== "") seen.add(text);
      if (seen.size > 30) break;
    }
    out[h] = [...seen];
  });
  return out;
}

function sourceOf(query: EditorSheetQuery): SheetSource {
  if (query.instance) return { instance: query.instance };
  if (query.spreadsheetId) return { spreadsheetId: query.spreadsheetId };
  throw new WebError("bad_request", 400, "choose a sheets instance or give a spreadsheet id");
}

/** The Sheets side of the mapping editor: read a tab, propose a mapping, preview one. Writes nothing. */
export function createMappingEditor(deps: ResolvedWebDeps) {
  const transports = new Map<string, { at: number; transport: Promise<SheetsTransport> }>();
  const nowMs = () => deps.now().getTime();

  function transportFor(source: SheetSource): Promise<SheetsTransport> {
    const key = JSON.stringify(source);
    const hit = transports.get(key);
    if (hit && nowMs() - hit.at < TRANSPORT_TTL_MS) return hit.transport;
    const transport = deps
      .sheetsTransportFor(source)
      .then((t) => cachingTransport(t, TRANSPORT_TTL_MS, nowMs));
    transports.set(key, { at: nowMs(), transport });
    // A failed build is reported to this caller and retried by the next one.
    transport.catch(() => transports.delete(key));
    return transport;
  }

  async function spreadsheetOf(source: SheetSource, current: CurrentMapping | null): Promise<string> {
    if ("spreadsheetId" in source) return source.spreadsheetId;
    if (current?.mapping) return current.mapping.spreadsheetId;
    throw new WebError(
      "mapping_unreadable",
      409,
      `the mapping file of ${source.instance} is invalid (${current?.issues.join("; ") ?? "unreadable"}): fix it or open the spreadsheet by id`,
    );
  }

  return {
    transportFor,

    async loadSheet(query: EditorSheetQuery): Promise<EditorSheet> {
      const source = sourceOf(query);
      const current = "instance" in source ? await currentMapping(deps, source.instance) : null;
      const spreadsheetId = await spreadsheetOf(source, current);
      const transport = await transportFor(source);
      const meta = await transport.getSpreadsheet(spreadsheetId);
      const sheet = sheetsMappingEditor.locateSheet(
        meta,
        query.sheet ? { title: query.sheet } : (current?.mapping?.sheet ?? {}),
      );
      const useCurrent = query.start === "current" && current?.mapping ? current.mapping : null;
      const headerRow = query.headerRow ?? useCurrent?.headerRow ?? current?.mapping?.headerRow ?? 1;
      const rowCount = sheet.gridProperties?.rowCount ?? headerRow;
      const last = Math.max(headerRow, Math.min(headerRow + SAMPLE_ROWS, rowCount));
      const range = await transport.getValues(
        spreadsheetId,
        sheetsMappingEditor.rowsRange(sheet.title, headerRow, last),
      );
      const [headerCells = [], ...sample] = range.values;
      const header = headerCells.map(cellText);
      const locale = meta.properties.locale ?? null;
      const suggestion = suggestMapping({
        header: headerCells,
        sampleRows: sample,
        spreadsheetId,
        sheet: { id: sheet.sheetId, title: sheet.title },
        headerRow,
        locale,
      });
      const notes = [...suggestion.notes];
      let proposal = parseSheetsMapping(suggestion.mapping);
      if (useCurrent && current) {
        proposal = { ...useCurrent, sheet: { id: sheet.sheetId, title: sheet.title }, headerRow };
        notes.unshift(`preselected from ${relative(deps.ctx.config.dir, current.path)}`);
      } else if (current?.mapping) {
        // The suggestion never proposes constants or a key prefix; keep the current file's.
        const { constants, keyPrefix } = current.mapping;
        proposal = { ...proposal, ...(constants ? { constants } : {}), ...(keyPrefix ? { keyPrefix } : {}) };
        if (constants || keyPrefix)
          notes.push(`constants and key prefix kept from ${relative(deps.ctx.config.dir, current.path)}`);
      }
      return {
        source,
        spreadsheet: { id: spreadsheetId, title: meta.properties.title, locale },
        tabs: meta.sheets.map((s) => ({ sheetId: s.properties.sheetId, title: s.properties.title })),
        sheet: { sheetId: sheet.sheetId, title: sheet.title },
        headerRow,
        header,
        sampleRows: sample.slice(0, SHOWN_ROWS).map((r) => [...r]),
        distinct: distinctValues(header, sample),
        proposal,
        notes,
        current: current
          ? {
              file: relative(deps.ctx.config.dir, current.path),
              mapping: current.mapping,
              issues: current.issues,
            }
          : null,
      };
    },

    /** Every row error and the first actions, exactly as the next sync would read the tab. */
    async preview(source: SheetSource, input: unknown): Promise<MappingPreview> {
      const mapping = parseSheetsMapping(input);
      return sheetsMappingEditor.previewSheetMapping(await transportFor(source), mapping, { limit: 50 });
    },
  };
}

export type MappingEditor = ReturnType<typeof createMappingEditor>;
