import { SightlineError } from "../model/index.js";

/** A request the web app refuses or cannot serve; `status` is the HTTP status it answers with. */
export class WebError extends SightlineError {
  readonly status: number;
  constructor(code: string, status: number, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.status = status;
  }
}

export const notFound = (what: string) => new WebError("not_found", 404, `${what} not found`);
export const badRequest = (message: string) => new WebError("bad_request", 400, message);
