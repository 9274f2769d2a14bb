import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { z } from "zod";
import { fixture } from "../../unit/connectors/jira/support.js";

/**
 * A Jira Cloud-shaped server on loopback, just enough of it to run the connector for real: `/field`,
 * `/search/jql` (with `updated >= "yyyy/MM/dd HH:mm"` evaluated in the site users' zone, ordering by
 * updated then key, `nextPageToken` paging) and `/issue/{key}` GET and PUT.
 */
export interface FakeJira {
  url: string;
  issues: Map<string, FakeIssue>;
  /** Every request, as `METHOD path`. */
  log: string[];
  close(): Promise<void>;
}

const FakeIssueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({ updated: z.string() }),
});
export type FakeIssue = z.infer<typeof FakeIssueSchema>;

/** The recorded issues, by key. */
export function recordedIssues(...names: string[]): FakeIssue[] {
  return names.flatMap((n) => z.object({ issues: z.array(FakeIssueSchema) }).parse(fixture(n)).issues);
}

/** The TCP port a listening server got. */
export function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no TCP port");
  return address.port;
}

const SINCE = /updated >= "(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2})"/;

/** JQL wall time in the zone of the recorded timestamps (+01:00, Europe/Paris in January). */
function sinceMs(jql: string): number | null {
  const m = SINCE.exec(jql);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) - 3_600_000;
}

const instant = (updated: string) => Date.parse(updated.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));

const SearchBody = z.strictObject({
  jql: z.string(),
  fields: z.array(z.string()).optional(),
  maxResults: z.int().optional(),
  nextPageToken: z.string().optional(),
  reconcileIssues: z.array(z.int()).max(50).optional(),
});

export async function startFakeJira(expectedAuth: string): Promise<FakeJira> {
  const issues = new Map<string, FakeIssue>();
  const log: string[] = [];

  function send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(body === undefined ? "" : JSON.stringify(body));
  }

  function handle(req: IncomingMessage, res: ServerResponse, body: string) {
    const url = new URL(req.url ?? "/", "http://x");
    log.push(`${req.method} ${url.pathname}`);
    if (req.headers.authorization !== expectedAuth) {
      return send(res, 401, { errorMessages: ["Client must be authenticated to access this resource."] });
    }
    if (url.pathname === "/rest/api/3/field") return send(res, 200, fixture("field.json"));
    if (url.pathname === "/rest/api/3/search/jql") {
      // GET with a query string, or POST with Atlassian's SearchAndReconcileRequestBean as JSON.
      const params =
        req.method === "POST"
          ? SearchBody.parse(JSON.parse(body))
          : {
              jql: url.searchParams.get("jql") ?? "",
              maxResults: Number(url.searchParams.get("maxResults") ?? "50"),
              nextPageToken: url.searchParams.get("nextPageToken") ?? undefined,
              reconcileIssues: undefined,
            };
      if (params.reconcileIssues) log.push(`  reconcileIssues ${params.reconcileIssues.join(",")}`);
      const jql = params.jql;
      const since = sinceMs(jql);
      const only = /issuekey in \(([^)]*)\)/.exec(jql)?.[1]?.split(/,\s*/);
      const max = params.maxResults ?? 50;
      const offset = Number(Buffer.from(params.nextPageToken ?? "", "base64url").toString() || "0");
      const matching = [...issues.values()]
        .filter((i) => since === null || instant(i.fields.updated) >= since)
        .filter((i) => !only || only.includes(i.key) || only.includes(i.id))
        .sort((a, b) => instant(a.fields.updated) - instant(b.fields.updated) || a.key.localeCompare(b.key));
      const page = matching.slice(offset, offset + max);
      const isLast = offset + max >= matching.length;
      const next = isLast ? {} : { nextPageToken: Buffer.from(String(offset + max)).toString("base64url") };
      return send(res, 200, { issues: page, ...next, isLast });
    }
    const issuePath = /^\/rest\/api\/3\/issue\/([A-Z]+-\d+)$/.exec(url.pathname);
    const issue = issuePath ? issues.get(issuePath[1]!) : undefined;
    if (issuePath && !issue) {
      return send(res, 404, {
        errorMessages: ["Issue does not exist or you do not have permission to see it."],
      });
    }
    if (issue && req.method === "GET") return send(res, 200, issue);
    if (issue && req.method === "PUT") {
      const edit = z.object({ fields: z.record(z.string(), z.string().nullable()) }).parse(JSON.parse(body));
      Object.assign(issue.fields, edit.fields);
      issue.fields.updated = "2026-01-12T11:00:00.000+0100";
      return send(res, 204, undefined);
    }
    return send(res, 404, { errorMessages: [`No route for ${req.method} ${url.pathname}`] });
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = portOf(server);
  return {
    url: `http://127.0.0.1:${port}`,
    issues,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
