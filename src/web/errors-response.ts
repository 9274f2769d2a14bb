import type { ServerResponse } from "node:http";
import { sendHtml, sendJson } from "../http/respond.js";
import { DecisionRefused } from "../jobs/conflict-decisions.js";
import { UnknownConnectorError } from "../jobs/connector-factory.js";
import { WriteBackUnsupportedError } from "../jobs/writeback-work.js";
import { MappingError } from "../mapping/index.js";
import { SightlineError, ValidationError } from "../model/index.js";
import { SyncError, ToolError } from "../sync/index.js";
import { WebError } from "./errors.js";
import { html } from "./http/html.js";
import { MappingInvalidError } from "./mapping/mapping-invalid.js";
import { layout } from "./pages/layout.js";

interface Answer {
  status: number;
  code: string;
  /** Safe to show: our errors say where and why and never carry a secret; anything else is "internal error". */
  message: string;
  issues?: readonly { path: string; message: string }[];
}

export function classify(error: unknown): Answer {
  if (error instanceof MappingInvalidError)
    return { status: 422, code: error.code, message: error.message, issues: error.issues };
  if (error instanceof WebError) return { status: error.status, code: error.code, message: error.message };
  // The conflict moved on since the page was shown, or its tool cannot take dates: nothing was changed.
  if (error instanceof DecisionRefused || error instanceof WriteBackUnsupportedError)
    return { status: 409, code: error.code, message: error.message };
  if (error instanceof UnknownConnectorError)
    return { status: 404, code: error.code, message: error.message };
  if (error instanceof MappingError || error instanceof ValidationError)
    return { status: 422, code: error.code, message: error.message };
  // The spreadsheet or the tool behind a sync failed: the upstream's fault, said so.
  if (error instanceof ToolError || error instanceof SyncError)
    return { status: 502, code: error.code, message: error.message };
  if (error instanceof SightlineError) return { status: 500, code: error.code, message: error.message };
  return { status: 500, code: "internal_error", message: "internal error (see the server log)" };
}

export function sendError(
  res: ServerResponse,
  error: unknown,
  asJson: boolean,
  csrf: string | null,
  log: (line: string) => void,
): void {
  const a = classify(error);
  if (a.status >= 500) {
    // Logged with its stack for the operator; the response only carries the classified message.
    log(`web: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (asJson) {
    sendJson(res, a.status, { error: a.code, message: a.message, ...(a.issues ? { issues: a.issues } : {}) });
    return;
  }
  sendHtml(
    res,
    a.status,
    layout({
      title: "Error",
      section: "conflicts",
      csrf,
      body: html`<h1>${a.status === 404 ? "Not found" : "Something went wrong"}</h1>
        <p class="error" role="alert">${a.message}</p>
        ${a.issues ? html`<ul>${a.issues.map((i) => html`<li>${i.path}: ${i.message}</li>`)}</ul>` : ""}
        <p><a href="/conflicts">Back to the conflicts</a></p>`,
    }),
  );
}
