import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { SightlineError } from "../../src/model/index.js";
import { formatIssues, parseYaml } from "../../src/sync/index.js";

export const RECORDING_FILE = "recording.yaml";

export type RecordedJiraErrorCode = "jira_unrecorded_request" | "jira_recording_invalid";

/**
 * A replay that cannot answer: the connector asked for something nobody recorded, or the recording itself is
 * broken. Never retried and never turned into an empty answer, so a wrong JQL or a missing page shows up.
 */
export class RecordedJiraError extends SightlineError {
  declare readonly code: RecordedJiraErrorCode;
  /** The request as `describeRequest` prints it; null when the recording itself is at fault. */
  readonly request: string | null;
  constructor(
    code: RecordedJiraErrorCode,
    message: string,
    options: { request?: string | null; cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.request = options.request ?? null;
  }
}

/**
 * Query parameters that decide which page Jira answers. They are always compared, present or not: a request
 * for the second page never matches the first. `fields` and `maxResults` shape the payload but not which
 * issues it holds, so a recording names them only when it wants them checked too.
 */
export const SIGNIFICANT_QUERY_PARAMS = ["jql", "nextPageToken", "startAt"] as const;

const RecordedExchangeSchema = z.strictObject({
  request: z.strictObject({
    method: z.enum(["GET", "PUT", "POST"]),
    path: z.string().startsWith("/", "a path from the site root, such as /rest/api/3/field"),
    query: z.record(z.string(), z.string()).default({}),
  }),
  /** Jira's HTTP status; anything but 2xx is replayed as the error Jira's answer would raise. */
  status: z.int().min(200).max(599).default(200),
  /** The response body as Jira sent it (a JSON file), relative to recording.yaml; none for a 204. */
  response: z.string().trim().min(1).optional(),
});

/** A folder's `recording.yaml`: the requests one connector run makes and the files holding Jira's answers. */
export const RecordingSchema = z.strictObject({ requests: z.array(RecordedExchangeSchema).min(1) });

export interface RecordedRequest {
  method: "GET" | "PUT" | "POST";
  path: string;
  query: Readonly<Record<string, string>>;
}

export interface RecordedExchange {
  request: RecordedRequest;
  status: number;
  /** Absolute path of the body file, or null (204 No Content). */
  responseFile: string | null;
}

export interface Recording {
  /** The recording.yaml it was read from, for messages. */
  file: string;
  exchanges: RecordedExchange[];
}

/** `GET /rest/api/3/search/jql jql="…" nextPageToken="…"`: only the parameters that choose the answer. */
export function describeRequest(req: RecordedRequest, extraKeys: Iterable<string> = []): string {
  const keys = [...new Set([...SIGNIFICANT_QUERY_PARAMS, ...extraKeys])];
  const params = keys
    .filter((k) => req.query[k] !== undefined)
    .map((k) => `${k}=${JSON.stringify(req.query[k])}`);
  return [req.method, req.path, ...params].join(" ");
}

export function matches(recorded: RecordedRequest, actual: RecordedRequest): boolean {
  if (recorded.method !== actual.method || recorded.path !== actual.path) return false;
  const keys = new Set<string>([...SIGNIFICANT_QUERY_PARAMS, ...Object.keys(recorded.query)]);
  for (const k of keys) if (recorded.query[k] !== actual.query[k]) return false;
  return true;
}

/** Whether some request would match both entries (they agree wherever both look). */
function overlap(a: RecordedRequest, b: RecordedRequest): boolean {
  if (a.method !== b.method || a.path !== b.path) return false;
  for (const k of SIGNIFICANT_QUERY_PARAMS) if (a.query[k] !== b.query[k]) return false;
  return Object.keys(a.query).every((k) => b.query[k] === undefined || b.query[k] === a.query[k]);
}

function parseRecording(file: string): z.output<typeof RecordingSchema> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new RecordedJiraError(
      "jira_recording_invalid",
      `${file}: cannot read the recording (${String(cause)})`,
      { cause },
    );
  }
  const yaml = parseYaml(text);
  if (!yaml.ok) {
    const where = yaml.issues.map(
      (i) => `${file}:${i.line ?? 1}:${i.column ?? 1}: YAML syntax: ${i.message}`,
    );
    throw new RecordedJiraError("jira_recording_invalid", where.join("\n"));
  }
  const result = RecordingSchema.safeParse(yaml.value);
  if (result.success) return result.data;
  const where = formatIssues(result.error, yaml.value).map((i) => {
    const at = yaml.positionOf(i.segments);
    return `${file}:${at?.line ?? 1}:${at?.column ?? 1}: ${i.text}`;
  });
  throw new RecordedJiraError("jira_recording_invalid", where.join("\n"));
}

/**
 * Reads `<dir>/recording.yaml` (a `jira_recording_invalid` naming line, column and path when it is malformed).
 * Two entries that would answer the same request are refused: which one wins must never depend on their order.
 */
export function loadRecording(dir: string): Recording {
  const file = join(resolve(dir), RECORDING_FILE);
  const parsed = parseRecording(file);
  const base = dirname(file);
  const exchanges = parsed.requests.map((e) => ({
    request: e.request,
    status: e.status,
    responseFile: e.response === undefined ? null : resolve(base, e.response),
  }));
  exchanges.forEach((e, i) => {
    if (e.responseFile !== null && !existsSync(e.responseFile)) {
      throw new RecordedJiraError(
        "jira_recording_invalid",
        `${file}: requests[${i}] (${describeRequest(e.request)}) names a response file that does not exist: ${e.responseFile}`,
      );
    }
    const j = exchanges.findIndex((other, k) => k > i && overlap(other.request, e.request));
    if (j !== -1) {
      throw new RecordedJiraError(
        "jira_recording_invalid",
        `${file}: requests[${i}] and requests[${j}] both answer ${describeRequest(e.request)}`,
      );
    }
  });
  return { file, exchanges };
}
