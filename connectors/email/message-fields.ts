import {
  type ActionStatus,
  type DayNumber,
  type DependencyRef,
  type DependencyType,
  parseHumanDate,
} from "../../src/model/index.js";
import type { Label, LabelledLine } from "./labelled-lines.js";

/** What one message says about its action: only the fields it has a labelled line for. */
export interface ActionPatch {
  key?: string;
  ownerRaw?: string | null;
  due?: string | null;
  start?: string | null;
  dependsOn?: DependencyRef[];
  kpis?: string[];
  team?: string | null;
  businessUnit?: string | null;
  program?: string | null;
  status?: ActionStatus;
}

/** A line that cannot be read: the message it is in contributes nothing, and is quarantined naming it. */
export interface LineProblem {
  field: Label;
  line: string;
  reason: string;
}

/** `none`, `TBD`, `n/a`, `-`: the field is explicitly empty (a reply can clear a date or the dependencies). */
const EMPTY = /^(?:none|tbd|n\/a|-)$/i;

const STATUSES: ReadonlyArray<[RegExp, ActionStatus]> = [
  [/^(?:to ?do|open|new|not started|planned)$/i, "todo"],
  [/^(?:in progress|in-progress|doing|started|ongoing|wip)$/i, "in_progress"],
  [/^(?:blocked|on hold|waiting)$/i, "blocked"],
  [/^(?:done|complete|completed|finished|closed|resolved)$/i, "done"],
  [/^(?:cancelled|canceled|dropped|won'?t do|abandoned)$/i, "cancelled"],
];

const DEPENDENCY_TYPES: Readonly<Record<string, DependencyType>> = { FS: "FS", SS: "SS", FF: "FF" };
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** `PAY-142`, `PAY-142 (SS)`, `PAY-142 (FF +5)`, `PAY-142 (FS -2d)`: a ref with an optional type and lag. */
const REF = /^(\S+)(?:\s*\(\s*(FS|SS|FF)\s*(?:([+-])\s*(\d{1,4})\s*d?)?\s*\))?$/i;
const ADDRESS_IN_ANGLES = /<\s*(?:mailto:)?([^<>\s@]+@[^<>\s@]+)\s*>/i;

function splitList(value: string): string[] {
  return value
    .split(/\s*[,;]\s*|\s+and\s+/i)
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** `Tomasz Nowak <tomasz.nowak@acmepay.example>` → the address; anything else (a name, `@tomasz`) as written. */
export function ownerText(value: string): string {
  const angled = ADDRESS_IN_ANGLES.exec(value);
  if (angled) return angled[1]!.toLowerCase();
  const bare = value.replace(/^mailto:/i, "").trim();
  return /^[^\s@]+@[^\s@]+$/.test(bare) ? bare.toLowerCase() : bare;
}

function readRef(text: string): DependencyRef | string {
  const m = REF.exec(text);
  if (!m) return `"${text}" is not a reference (write a key such as PAY-142, optionally "(SS +2)")`;
  const type = DEPENDENCY_TYPES[m[2]?.toUpperCase() ?? "FS"] ?? "FS";
  const lag = m[4] === undefined ? 0 : Number(m[4]) * (m[3] === "-" ? -1 : 1);
  return { ref: m[1]!, type, lagDays: lag };
}

type Reading<T> = { ok: true; value: T } | { ok: false; reason: string };

function readDate(value: string, reference: DayNumber | null): Reading<string | null> {
  if (EMPTY.test(value)) return { ok: true, value: null };
  const parsed = parseHumanDate(value, { reference });
  return parsed.ok
    ? { ok: true, value: parsed.date }
    : { ok: false, reason: `unreadable date: ${parsed.reason}` };
}

function readLine(line: LabelledLine, reference: DayNumber | null): Reading<ActionPatch> {
  const { label, value } = line;
  switch (label) {
    case "key":
      return KEY.test(value)
        ? { ok: true, value: { key: value } }
        : { ok: false, reason: `"${value}" is not a key (letters, digits, ".", "_" and "-", such as QA-9)` };
    case "owner":
      return { ok: true, value: { ownerRaw: EMPTY.test(value) ? null : ownerText(value) } };
    case "team":
      return { ok: true, value: { team: EMPTY.test(value) ? null : value } };
    case "businessUnit":
      return { ok: true, value: { businessUnit: EMPTY.test(value) ? null : value } };
    case "program":
      return { ok: true, value: { program: EMPTY.test(value) ? null : value } };
    case "due":
    case "start": {
      const date = readDate(value, reference);
      if (!date.ok) return date;
      return { ok: true, value: label === "due" ? { due: date.value } : { start: date.value } };
    }
    case "kpis":
      return { ok: true, value: { kpis: EMPTY.test(value) ? [] : splitList(value) } };
    case "dependsOn": {
      if (EMPTY.test(value)) return { ok: true, value: { dependsOn: [] } };
      const refs = splitList(value).map(readRef);
      const bad = refs.find((r): r is string => typeof r === "string");
      if (bad !== undefined) return { ok: false, reason: bad };
      return {
        ok: true,
        value: { dependsOn: refs.filter((r): r is DependencyRef => typeof r !== "string") },
      };
    }
    case "status": {
      const status = STATUSES.find(([re]) => re.test(value.trim()))?.[1];
      return status
        ? { ok: true, value: { status } }
        : {
            ok: false,
            reason: `unknown status "${value}" (todo, in progress, blocked, done or cancelled)`,
          };
    }
  }
}

/**
 * Reads a message's labelled lines. `reference` is the day the message was written in the organisation's
 * time zone (for dates without a year). A line with an empty value changes nothing. Two lines for the same
 * field that disagree are a problem too: which one the sender meant is not ours to guess.
 */
export function readFields(
  lines: readonly LabelledLine[],
  reference: DayNumber | null,
): { patch: ActionPatch; problems: LineProblem[] } {
  const patch: ActionPatch = {};
  const problems: LineProblem[] = [];
  const seen = new Map<Label, LabelledLine>();
  for (const line of lines) {
    if (line.value.trim() === "") continue;
    const first = seen.get(line.label);
    if (first && first.value.trim() !== line.value.trim()) {
      problems.push({
        field: line.label,
        line: line.line,
        reason: `contradicts an earlier line of the same message, "${first.line}"`,
      });
      continue;
    }
    seen.set(line.label, line);
    const read = readLine(line, reference);
    if (read.ok) Object.assign(patch, read.value);
    else problems.push({ field: line.label, line: line.line, reason: read.reason });
  }
  return { patch, problems };
}
