import type { ActionStatus } from "../model/index.js";
import { enumKey } from "./cells.js";
import { type DateKind, detectDate } from "./detect-date.js";
import { type Cell, cellText, levenshtein, normalizeHeader, type Row } from "./headers.js";
import { MAPPED_FIELDS, type MappedField, type Mapping, MappingSchema } from "./schema.js";
import { guessStatus } from "./status-words.js";

export interface SuggestInput {
  header: Row;
  sampleRows: readonly Row[];
  /** Sheets source; without it the suggestion is a csv mapping reading `path`. */
  spreadsheetId?: string;
  sheet?: { id?: number; title?: string };
  path?: string;
  headerRow?: number;
  /** The spreadsheet's locale, to read ambiguous text dates such as 03/04/2026. */
  locale?: string | null;
}

export interface MappingSuggestion {
  mapping: Mapping;
  /** What the admin should check: guesses, values mapped by default, columns left out. */
  notes: string[];
  unmappedHeaders: string[];
}

type Target = "key" | MappedField;
const TARGETS: readonly Target[] = ["key", ...MAPPED_FIELDS];

/** Header words per field, compared after normalizeHeader (lower case, no spaces). */
const SYNONYMS: Record<Target, string[]> = {
  key: ["key", "id", "ref", "reference", "taskid", "itemid", "actionid", "code", "#", "no", "number"],
  title: [
    "task",
    "title",
    "name",
    "action",
    "item",
    "deliverable",
    "activity",
    "summary",
    "workitem",
    "milestone",
    // French, German, Spanish trackers
    "tâche",
    "tache",
    "titre",
    "intitulé",
    "aufgabe",
    "titel",
    "tarea",
  ],
  status: ["status", "state", "progress", "stage", "statut", "état", "estado", "stato"],
  owner: [
    "owner",
    "assignee",
    "responsible",
    "dri",
    "lead",
    "assignedto",
    "who",
    "accountable",
    "responsable",
    "verantwortlich",
    "zuständig",
  ],
  team: ["team", "department", "function", "squad", "dept"],
  businessUnit: ["businessunit", "bu", "division", "unit"],
  program: ["program", "programme", "project", "initiative", "workstream"],
  start: [
    "start",
    "startdate",
    "begin",
    "kickoff",
    "from",
    "planstart",
    "début",
    "datededébut",
    "beginn",
    "inicio",
  ],
  due: [
    "due",
    "duedate",
    "deadline",
    "end",
    "enddate",
    "finish",
    "targetdate",
    "eta",
    "golive",
    "date",
    "échéance",
    "datelimite",
    "fällig",
    "frist",
    "fechalímite",
  ],
  kpis: ["kpi", "kpis", "okr", "okrs", "metric", "objective", "goal"],
  dependsOn: [
    "dependson",
    "dependencies",
    "dependency",
    "blockedby",
    "predecessors",
    "predecessor",
    "after",
    "dépendde",
    "dépendances",
    "abhängigvon",
    "dependede",
  ],
  mirrors: ["mirrors", "mirror", "jira", "jirakey", "trackedin", "ticket"],
  url: ["url", "link", "href"],
};

const PRIORITY: Target[] = ["key", "title", "due", "start", "status", "owner", "dependsOn", "kpis", "team"];

function score(target: Target, header: string): number {
  const h = normalizeHeader(header);
  let best = 0;
  for (const word of SYNONYMS[target]) {
    if (h === word) return 3;
    if (word.length >= 3 && (h.includes(word) || (h.length >= 3 && word.includes(h))))
      best = Math.max(best, 2);
    else if (word.length >= 5 && levenshtein(h, word) <= 2) best = Math.max(best, 1);
  }
  return best;
}

function column(sample: readonly Row[], index: number): Cell[] {
  return sample.map((r) => r[index]).filter((c) => cellText(c) !== "");
}

/**
 * `sightline mapping suggest`: proposes a mapping from a header row and sample rows. Headers are matched to
 * fields by synonyms (exact, contained, then a small edit distance); date columns are recognised from their
 * values; the status table is built from the distinct values found. Everything is a proposal: the notes say
 * what was guessed.
 */
export function suggestMapping(input: SuggestInput): MappingSuggestion {
  const headers = input.header.map(cellText);
  const notes: string[] = [];
  const locale = input.locale ?? null;
  const assigned = new Map<Target, number>();
  const used = new Set<number>();

  const pairs: { target: Target; index: number; score: number }[] = [];
  headers.forEach((h, index) => {
    if (h === "") return;
    for (const target of TARGETS) {
      const s = score(target, h);
      if (s > 0) pairs.push({ target, index, score: s });
    }
  });
  const rank = (t: Target) => (PRIORITY.includes(t) ? PRIORITY.indexOf(t) : PRIORITY.length);
  pairs.sort((a, b) => b.score - a.score || rank(a.target) - rank(b.target) || a.index - b.index);
  for (const p of pairs) {
    if (assigned.has(p.target) || used.has(p.index)) continue;
    assigned.set(p.target, p.index);
    used.add(p.index);
  }

  const free = () => headers.flatMap((h, i) => (h !== "" && !used.has(i) ? [i] : []));
  const take = (target: Target, index: number, why: string) => {
    assigned.set(target, index);
    used.add(index);
    notes.push(`${target}: guessed column "${headers[index]}" (${why}); check it`);
  };

  const dates = new Map<number, DateKind>();
  headers.forEach((_, i) => {
    const kind = detectDate(column(input.sampleRows, i), locale);
    if (kind) dates.set(i, kind);
  });
  // Date columns no header word claimed: leftmost is the start when two are free, otherwise the due date.
  const freeDates = free().filter((i) => dates.has(i));
  if (!assigned.has("due") && freeDates.length > 0) {
    if (!assigned.has("start") && freeDates.length >= 2)
      take("start", freeDates.shift()!, "first date column");
    take("due", freeDates.shift()!, "date column");
  }

  // A key must tell every row apart and be there on each: otherwise rows collide or fail (a "Notes" column is
  // neither). A header named like an id that is not both is dropped, with a note.
  const identifies = (i: number) => {
    const values = input.sampleRows.map((r) => cellText(r[i]));
    return values.length > 0 && values.every((v) => v !== "") && new Set(values).size === values.length;
  };
  const named = assigned.get("key");
  if (named !== undefined && !identifies(named)) {
    assigned.delete("key");
    used.delete(named);
    notes.push(`key: column "${headers[named]}" is named like an id but has empty or repeated values`);
  }
  if (!assigned.has("title")) {
    const candidate = free().find(
      (i) => i !== named && column(input.sampleRows, i).some((c) => /\s/.test(cellText(c))),
    );
    take("title", candidate ?? free()[0] ?? 0, "first text column");
  }
  let missingKey: string | null = null;
  if (!assigned.has("key")) {
    const idLike = free().find(
      (i) =>
        identifies(i) && column(input.sampleRows, i).every((c) => /^[A-Za-z0-9][\w.-]*$/.test(cellText(c))),
    );
    const title = assigned.get("title");
    if (idLike !== undefined) take("key", idLike, "unique identifier-like values");
    else if (title !== undefined && identifies(title)) {
      assigned.set("key", title);
      notes.push(
        `key: no id column, so the title "${headers[title]}" is the key (unique in the sample); renaming a row ` +
          "then makes it a new action: add an ID column to the sheet and set key.column to it",
      );
    } else {
      missingKey = "ID";
      notes.push(
        "key: no column tells every row apart (unique and never empty), titles included: add an ID column " +
          '(one value per row, never reused, e.g. MKT-1), or set key.column to one that is; "ID" is a placeholder',
      );
    }
  }

  const spec = (t: Target) => {
    const index = assigned.get(t);
    return index === undefined ? undefined : { column: headers[index] ?? "" };
  };
  const fields: Record<string, unknown> = {};
  for (const t of TARGETS) {
    const base = spec(t);
    if (!base || t === "key") continue;
    const index = assigned.get(t)!;
    if (t === "start" || t === "due") {
      const kind = dates.get(index);
      if (kind?.kind === "text" && kind.format)
        fields[t] = { ...base, transform: { type: "date", format: kind.format } };
      else fields[t] = { ...base, transform: "date" };
      if (!kind) notes.push(`${t}: no dates found in the sample of column "${base.column}"`);
      else if (kind.kind === "text" && kind.ambiguous)
        notes.push(
          `${t}: every date reads both day-first and month-first; ${kind.format} is a guess: check it`,
        );
    } else if (t === "kpis" || t === "dependsOn" || t === "mirrors")
      fields[t] = { ...base, transform: "list" };
    else if (t === "owner") fields[t] = { ...base, transform: "person" };
    else if (t === "status")
      fields[t] = { ...base, transform: statusTable(column(input.sampleRows, index), notes) };
    else fields[t] = base;
  }

  const common = {
    headerRow: input.headerRow ?? 1,
    key: { column: missingKey ?? headers[assigned.get("key")!] ?? "" },
    fields,
  };
  const raw: unknown = input.spreadsheetId
    ? { kind: "sheets", spreadsheetId: input.spreadsheetId, sheet: input.sheet ?? {}, ...common }
    : { kind: "csv", path: input.path ?? "plan.csv", ...common };
  const unmappedHeaders = free().map((i) => headers[i]!);
  if (unmappedHeaders.length > 0)
    notes.push(`not mapped: ${unmappedHeaders.map((h) => `"${h}"`).join(", ")}`);
  return { mapping: MappingSchema.parse(raw), notes, unmappedHeaders };
}

function statusTable(cells: readonly Cell[], notes: string[]) {
  const values: Record<string, ActionStatus> = {};
  for (const cell of cells) {
    const text = cellText(cell);
    if (text === "" || Object.keys(values).some((k) => enumKey(k) === enumKey(text))) continue;
    const guess = guessStatus(text);
    values[text] = guess ?? "todo";
    if (!guess) notes.push(`status: "${text}" mapped to todo by default; check it`);
  }
  return { type: "enum" as const, values, default: "todo" as const };
}
