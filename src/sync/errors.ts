import { SightlineError } from "../model/index.js";

export const SYNC_ERROR_CODES = ["connector_failed", "store_failed", "sync_aborted"] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

/**
 * A sync run that stopped. Everything committed before the failure stays committed (the cursor points at the
 * last page written), so the next run resumes from there. `cause` holds the original error; when the
 * connector threw a SightlineError its code is kept in `causeCode` (e.g. `auth_failed`) for callers that
 * decide between retrying and alerting an admin.
 */
export class SyncError extends SightlineError {
  readonly instance: string;
  readonly pagesCommitted: number;
  readonly causeCode: string | null;
  constructor(
    code: SyncErrorCode,
    message: string,
    details: { instance: string; pagesCommitted: number; cause?: unknown },
  ) {
    super(code, message, { cause: details.cause });
    this.instance = details.instance;
    this.pagesCommitted = details.pagesCommitted;
    this.causeCode = details.cause instanceof SightlineError ? details.cause.code : null;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The tool behind a connector failed or refused (Google, Jira, GitHub, an IMAP server): the upstream's
 * fault, reported as such (the web admin answers 502). Each connector's error class extends it.
 */
export class ToolError extends SightlineError {}
