import { JiraError } from "./errors.js";
import { ErrorCollectionSchema } from "./raw-schema.js";

/** What a request was for, so an error can say what to fix. */
export interface RequestContext {
  /** Instance id, e.g. `jira-eng`. */
  instance: string;
  baseUrl: string;
  method: string;
  path: string;
  /** "searching issues", "updating PAY-142", ... */
  what: string;
  /** Set for searches: a 400 is then about the JQL. */
  jql?: string;
  /** Names of the environment variables holding the credentials, for a 401. */
  authHint: string;
}

/** Jira's own words from an error body (JSON error collection or plain text), trimmed for a message. */
export function jiraMessages(bodyText: string): string {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    // Not JSON (a proxy's HTML page, Cloud's plain-text 401): the text itself is the message.
    parsed = null;
  }
  const body = ErrorCollectionSchema.safeParse(parsed);
  if (body.success) {
    const parts = [
      ...(body.data.errorMessages ?? []),
      ...Object.entries(body.data.errors ?? {}).map(([field, msg]) => `${field}: ${msg}`),
      ...(body.data.message ? [body.data.message] : []),
    ];
    if (parts.length) return parts.join("; ");
  }
  const text = bodyText
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text ? text.slice(0, 300) : "(no message)";
}

/** Maps a final (not retried, or out of retries) HTTP status to an error that tells the admin what to do. */
export function httpError(status: number, bodyText: string, ctx: RequestContext): JiraError {
  const said = jiraMessages(bodyText);
  const at = `${ctx.method} ${ctx.path} on ${ctx.baseUrl}`;
  const opts = { status };
  switch (status) {
    case 400:
      return ctx.jql !== undefined
        ? new JiraError(
            "jira_bad_jql",
            `JQL rejected by Jira: ${said}. Fix the jql of connector ${ctx.instance} (sent: ${ctx.jql})`,
            opts,
          )
        : new JiraError("jira_bad_request", `Jira rejected ${ctx.what} (400, ${at}): ${said}`, opts);
    case 401:
      return new JiraError(
        "jira_unauthorized",
        `Jira rejected the credentials of connector ${ctx.instance} (401, ${at}): ${said}. ` +
          `Check ${ctx.authHint}: the token may be revoked or expired, or belong to another site`,
        opts,
      );
    case 403:
      return new JiraError(
        "jira_forbidden",
        `Jira refused ${ctx.what} for connector ${ctx.instance} (403, ${at}): ${said}. ` +
          `The account needs Browse projects on the JQL's projects (and Edit issues for write-back)`,
        opts,
      );
    case 404:
      return new JiraError(
        "jira_not_found",
        `Not found while ${ctx.what} (404, ${at}): ${said}. Check baseUrl and deployment ` +
          `(Cloud serves /rest/api/3, Data Center /rest/api/2) and that the issue exists and is visible`,
        opts,
      );
    case 410:
      return new JiraError(
        "jira_endpoint_removed",
        `Jira removed this endpoint (410 Gone, ${at}): ${said}. Jira Cloud removed /rest/api/2/search and ` +
          `/rest/api/3/search (CHANGE-2046): set deployment: cloud for connector ${ctx.instance} so it uses ` +
          "/rest/api/3/search/jql",
        opts,
      );
    case 429:
      return new JiraError(
        "jira_rate_limited",
        `Jira kept rate-limiting ${ctx.what} (429, ${at}) after the retry budget: ${said}. Run again later`,
        { status, retryable: true },
      );
    default:
      if (status >= 500) {
        return new JiraError(
          "jira_unavailable",
          `Jira kept failing while ${ctx.what} (${status}, ${at}) after the retry budget: ${said}`,
          { status, retryable: true },
        );
      }
      return new JiraError("jira_http", `Jira answered ${status} while ${ctx.what} (${at}): ${said}`, opts);
  }
}
