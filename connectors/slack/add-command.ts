import { ACTION_STATUSES, type ActionStatus, parseCalendarDate, toDayNumber } from "../../src/model/index.js";
import { decodeEntities, parseMention, plainText, unwrapLink } from "./slack-text.js";

/** Who the owner field names, before the directory is asked. */
export type OwnerToken =
  | { kind: "mention"; userId: string; label: string | null }
  | { kind: "text"; text: string };

/** `/sightline add …` once parsed: nothing resolved yet (owner, KPIs and team need the directory). */
export interface AddCommandDraft {
  title: string;
  owner: OwnerToken | null;
  start: string | null;
  due: string | null;
  dependsOn: string[];
  kpis: string[];
  team: string | null;
  status: ActionStatus | null;
}

export interface FieldError {
  /** The field as the user typed it (`due`), or `title`. */
  field: string;
  message: string;
}

export type AddCommandParse = { ok: true; draft: AddCommandDraft } | { ok: false; errors: FieldError[] };

type FieldName = "owner" | "due" | "start" | "depends" | "kpi" | "team" | "status";

const FIELD_ALIASES: Readonly<Record<string, FieldName>> = {
  owner: "owner",
  due: "due",
  start: "start",
  depends: "depends",
  "depends-on": "depends",
  depends_on: "depends",
  dependson: "depends",
  deps: "depends",
  kpi: "kpi",
  kpis: "kpi",
  team: "team",
  status: "status",
};
const KNOWN = "owner, due, start, depends, kpi, team, status";
const REPEATABLE: ReadonlySet<FieldName> = new Set(["depends", "kpi"]);

export const ADD_USAGE =
  "/sightline add <title> owner:@someone due:2026-03-14 start:2026-03-01 depends:PAY-142,QA-9 kpi:<key> team:<team> status:todo";

/** Whitespace-separated words, keeping `<…>` Slack groups and "quoted titles" whole. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|((?:<[^>]*>|[^\s"“])+)/g;
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined || m[2] !== undefined) tokens.push(`"${m[1] ?? m[2]}"`);
    else if (m[3] !== undefined) tokens.push(m[3]);
  }
  return tokens;
}

const FIELD_RE = /^([A-Za-z][A-Za-z_-]*):(.*)$/s;

function fieldToken(token: string): { key: string; value: string } | null {
  if (token.startsWith('"')) return null;
  const m = FIELD_RE.exec(token);
  if (!m?.[1] || m[2] === undefined) return null;
  // `https://…` in a title is a link, not a field called "https".
  if (m[2].startsWith("//")) return null;
  return { key: m[1], value: m[2] };
}

function unquote(token: string): string {
  return token.startsWith('"') && token.endsWith('"') && token.length >= 2 ? token.slice(1, -1) : token;
}

function parseDate(field: string, value: string, errors: FieldError[]): string | null {
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(value) && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    errors.push({ field, message: `${field}: "${value}" needs two-digit months and days (YYYY-MM-DD)` });
    return null;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    errors.push({
      field,
      message: `${field}: "${value}" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14`,
    });
    return null;
  }
  if (parseCalendarDate(value) === null) {
    errors.push({ field, message: `${field}: ${value} is not a calendar date (no such day)` });
    return null;
  }
  return value;
}

function parseOwner(value: string): OwnerToken {
  const mention = parseMention(value);
  if (mention) return { kind: "mention", ...mention };
  return { kind: "text", text: unwrapLink(value) };
}

function list(value: string): string[] {
  return value
    .split(",")
    .map((v) => unwrapLink(unquote(v.trim())).trim())
    .filter((v) => v !== "");
}

function parseStatus(value: string, errors: FieldError[]): ActionStatus | null {
  const norm = value.trim().toLowerCase().replace(/[-\s]/g, "_");
  const found = ACTION_STATUSES.find((s) => s === norm);
  if (found) return found;
  errors.push({ field: "status", message: `status: "${value}" is not one of ${ACTION_STATUSES.join(", ")}` });
  return null;
}

/**
 * Pure parser of `/sightline add` text. The title is every word that is not a field; fields are `key:value`
 * (a value may also follow `key:` after a space). Every problem is collected, each naming its field and the
 * text at fault, so one answer tells the user all they need to fix.
 */
export function parseAddCommand(text: string): AddCommandParse {
  const tokens = tokenize(text.trim());
  const errors: FieldError[] = [];
  const titleWords: string[] = [];
  const seen = new Set<FieldName>();
  const draft: AddCommandDraft = {
    title: "",
    owner: null,
    start: null,
    due: null,
    dependsOn: [],
    kpis: [],
    team: null,
    status: null,
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? "";
    const f = fieldToken(token);
    if (!f) {
      titleWords.push(unquote(token));
      continue;
    }
    const name = FIELD_ALIASES[f.key.toLowerCase()];
    if (!name) {
      errors.push({
        field: f.key,
        message: `"${f.key}:" is not a field (known: ${KNOWN}); put a title containing a colon in quotes`,
      });
      continue;
    }
    let value = f.value;
    const next = tokens[i + 1];
    if (value === "" && next !== undefined && !fieldToken(next)) {
      value = next;
      i++;
    }
    value = unquote(value).trim();
    if (value === "") {
      errors.push({ field: name, message: `${name}: needs a value, e.g. ${exampleOf(name)}` });
      continue;
    }
    if (seen.has(name) && !REPEATABLE.has(name)) {
      errors.push({ field: name, message: `${name}: given twice; keep one` });
      continue;
    }
    seen.add(name);
    switch (name) {
      case "owner":
        draft.owner = parseOwner(value);
        break;
      case "due":
        draft.due = parseDate("due", value, errors);
        break;
      case "start":
        draft.start = parseDate("start", value, errors);
        break;
      case "depends":
        draft.dependsOn.push(...list(value).filter((r) => !draft.dependsOn.includes(r)));
        break;
      case "kpi":
        draft.kpis.push(...list(value).filter((k) => !draft.kpis.includes(k)));
        break;
      case "team":
        draft.team = decodeEntities(value);
        break;
      case "status":
        draft.status = parseStatus(value, errors);
        break;
    }
  }

  draft.title = plainText(titleWords.join(" ")).replace(/\s+/g, " ").trim();
  if (draft.title === "") {
    errors.unshift({
      field: "title",
      message: `title: missing; write it before the fields, e.g. ${ADD_USAGE.replace("<title>", "Ship the payouts API")}`,
    });
  }
  if (draft.start && draft.due && toDayNumber(draft.start) > toDayNumber(draft.due)) {
    errors.push({ field: "start", message: `start: ${draft.start} is after due ${draft.due}` });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, draft };
}

function exampleOf(name: FieldName): string {
  switch (name) {
    case "owner":
      return "owner:@anna";
    case "due":
    case "start":
      return `${name}:2026-03-14`;
    case "depends":
      return "depends:PAY-142,QA-9";
    case "kpi":
      return "kpi:arr-payouts";
    case "team":
      return "team:Marketing";
    case "status":
      return "status:in_progress";
  }
}
