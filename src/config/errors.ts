import { SightlineError } from "../model/index.js";

/** One problem in a configuration file: where (path inside the file, line and column when known) and why. */
export interface ConfigIssue {
  /** Path inside the file, e.g. `connectors[1].path`; "" for the file as a whole. */
  path: string;
  /** The sentence shown to the admin, starting with the path: `connectors[1].path: missing (expected string)`. */
  text: string;
  line: number | null;
  column: number | null;
}

export type ConfigErrorCode = "config_invalid" | "config_not_found";

/** Shown at most; a file with more problems is usually the wrong file altogether. */
const MAX_LISTED = 20;

/**
 * A configuration file (the main config, the people directory, the KPI catalog, a demo scenario) that cannot
 * be used. The message lists every problem as `file:line:column: path: what was expected`, the form editors
 * and terminals turn into links.
 */
export class ConfigError extends SightlineError {
  readonly file: string;
  readonly issues: readonly ConfigIssue[];
  constructor(
    code: ConfigErrorCode,
    file: string,
    unsorted: readonly ConfigIssue[],
    options?: { cause?: unknown },
  ) {
    // In file order, as an editor shows them; issues without a position last, in the order found.
    const issues = [...unsorted].sort(
      (a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0),
    );
    const listed = issues.slice(0, MAX_LISTED).map((i) => `  ${locate(file, i)}: ${i.text}`);
    if (issues.length > MAX_LISTED) listed.push(`  … and ${issues.length - MAX_LISTED} more`);
    const noun = issues.length === 1 ? "problem" : "problems";
    super(code, `${file}: invalid configuration (${issues.length} ${noun}):\n${listed.join("\n")}`, options);
    this.file = file;
    this.issues = issues;
  }
}

function locate(file: string, issue: ConfigIssue): string {
  if (issue.line === null) return file;
  return issue.column === null ? `${file}:${issue.line}` : `${file}:${issue.line}:${issue.column}`;
}
