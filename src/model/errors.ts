/** Every error Sightline raises carries a stable string `code` so callers and tests branch on it, not on prose. */
export class SightlineError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Input that failed a schema: `where` says which file/row/field, `issues` what was expected. */
export class ValidationError extends SightlineError {
  readonly where: string;
  readonly issues: readonly string[];
  constructor(where: string, issues: readonly string[], options?: { cause?: unknown }) {
    super("validation_failed", `${where}: ${issues.join("; ")}`, options);
    this.where = where;
    this.issues = issues;
  }
}
