import { WebError } from "../errors.js";

export interface MappingIssueBrief {
  path: string;
  message: string;
}

/** A mapping that fails MappingSchema: answered 422 with every issue and where it is. */
export class MappingInvalidError extends WebError {
  readonly issues: readonly MappingIssueBrief[];
  constructor(issues: readonly MappingIssueBrief[]) {
    super(
      "mapping_invalid",
      422,
      `the mapping is not valid: ${issues.map((i) => `${i.path || "mapping"}: ${i.message}`).join("; ")}`,
    );
    this.issues = issues;
  }
}
