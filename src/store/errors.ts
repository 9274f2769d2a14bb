import { SightlineError } from "../model/index.js";

/** A store failure: `where` names the table/operation and the key involved. */
export class StoreError extends SightlineError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
