/**
 * Labelled lines in the authored part of a message: `Owner: tomasz.nowak@acmepay.example`, `Due: 6 Mar 2026`.
 * A label is matched case-insensitively, after an optional bullet (`-`, `*`, `•`) and bold markers (`*Due:*`,
 * which is how some clients render <b> as text). Only the labels below count; other `Word: value` lines
 * are prose.
 */
export const LABELS = [
  "key",
  "owner",
  "due",
  "start",
  "dependsOn",
  "kpis",
  "team",
  "businessUnit",
  "program",
  "status",
] as const;
export type Label = (typeof LABELS)[number];

const SPELLINGS: Readonly<Record<string, Label>> = {
  key: "key",
  owner: "owner",
  due: "due",
  "due date": "due",
  deadline: "due",
  start: "start",
  "start date": "start",
  "depends on": "dependsOn",
  dependencies: "dependsOn",
  "blocked by": "dependsOn",
  kpi: "kpis",
  kpis: "kpis",
  team: "team",
  "business unit": "businessUnit",
  program: "program",
  status: "status",
};

export interface LabelledLine {
  label: Label;
  value: string;
  /** The line as written, trimmed: quarantine reasons quote it. */
  line: string;
}

const LINE = /^\s*(?:[-*•]\s+)?\**\s*([A-Za-z][A-Za-z ]{1,20}?)\s*\**\s*:\s*\**\s*(.*?)\s*$/;

export function labelOf(word: string): Label | null {
  return SPELLINGS[word.toLowerCase().replace(/\s+/g, " ")] ?? null;
}

export function labelledLines(authored: string): LabelledLine[] {
  const found: LabelledLine[] = [];
  for (const raw of authored.split("\n")) {
    const m = LINE.exec(raw);
    if (!m) continue;
    const label = labelOf(m[1]!);
    if (label === null) continue;
    found.push({ label, value: m[2]!, line: raw.trim() });
  }
  return found;
}
