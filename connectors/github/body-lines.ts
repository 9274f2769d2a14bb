import { parseCalendarDate } from "../../src/model/index.js";

/** What an issue's Markdown body says about dates and dependencies, line by line. */
export interface BodyFacts {
  /** Issue refs as written (`#12`, `acme/api#4`, an issue URL), in order, for `keyOfRef` to resolve. */
  refs: string[];
  start: string | null;
  due: string | null;
  /** Lines that look like a date but are not one: the issue is quarantined with them. */
  problems: string[];
}

const REF = String.raw`(?:https?://[^\s/]+/[\w.-]+/[\w.-]+/issues/\d+|(?:[\w.-]+/[\w.-]+)?#\d+)`;
const REF_G = new RegExp(REF, "g");
/** `Blocked by #12, acme/api#4` / `Depends on: #7` (GitHub's own wording, and the common convention). */
const DEPENDENCY_LINE = /^\s*(?:[-*+]\s+)?\**(?:blocked\s+by|depends\s+on)\**\s*:?\s*(.+)$/i;
/** `- [ ] #12`: a task list item that is an issue reference, tracked by this issue (it finishes first). */
const TASK_ITEM = new RegExp(String.raw`^\s*[-*+]\s+\[[ xX]\]\s+(${REF})\s*$`);
const DATE_LINE = /^\s*\**(start|due)\**\s*:\s*\**\s*(\S.*?)\s*$/i;

/**
 * Reads a body the way people write one: fenced code is skipped (a `#12` in a log excerpt is not a
 * dependency), HTML comments too (issue templates leave them), Windows line ends are fine.
 */
export function readBody(body: string | null | undefined): BodyFacts {
  const facts: BodyFacts = { refs: [], start: null, due: null, problems: [] };
  if (!body) return facts;
  const text = body.replace(/<!--[\s\S]*?-->/g, "");
  let fenced = false;
  text.split(/\r?\n/).forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    const task = TASK_ITEM.exec(line);
    if (task?.[1]) {
      facts.refs.push(task[1]);
      return;
    }
    const dep = DEPENDENCY_LINE.exec(line);
    if (dep?.[1]) {
      facts.refs.push(...(dep[1].match(REF_G) ?? []));
      return;
    }
    const date = DATE_LINE.exec(line);
    if (date?.[1] && date[2]) {
      const field = date[1].toLowerCase() as "start" | "due";
      const value = date[2].replace(/\*+$/, "").trim();
      if (parseCalendarDate(value) === null) {
        facts.problems.push(
          `body line ${i + 1}: ${field} "${value.slice(0, 40)}" is not a date (write it as 2026-04-03)`,
        );
      } else facts[field] = value;
    }
  });
  return facts;
}

/** The native key a ref names, read relative to the issue's own repository; null for what is not an issue. */
export function keyOfRef(ref: string, repo: string): string | null {
  const url = /^https?:\/\/[^\s/]+\/([\w.-]+\/[\w.-]+)\/issues\/(\d+)$/.exec(ref);
  if (url?.[1] && url[2]) return issueKey(url[1], Number(url[2]));
  const short = /^(?:([\w.-]+\/[\w.-]+))?#(\d+)$/.exec(ref);
  if (!short?.[2]) return null;
  return issueKey(short[1] ?? repo, Number(short[2]));
}

/** `acme/payments#12`: owner and name are case-insensitive on GitHub, so the key is lower-case. */
export function issueKey(repo: string, issueNumber: number): string {
  return `${repo.toLowerCase()}#${issueNumber}`;
}

export function milestoneKey(repo: string, milestoneNumber: number): string {
  return `${repo.toLowerCase()}/milestones/${milestoneNumber}`;
}
