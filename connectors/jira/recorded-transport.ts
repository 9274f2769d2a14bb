import { readFile } from "node:fs/promises";
import { z } from "zod";
import { JiraError } from "./errors.js";
import { httpError, type RequestContext } from "./http-errors.js";
import {
  describeRequest,
  loadRecording,
  matches,
  type RecordedExchange,
  RecordedJiraError,
  type RecordedRequest,
  type Recording,
} from "./recorded-recording.js";
import type { JiraTransport, RequestSpec } from "./transport.js";

export interface RecordedJiraTransport extends JiraTransport {
  /** Every request asked for, served or not, as describeRequest prints it. */
  readonly requests: readonly string[];
  readonly recording: Recording;
}

export interface RecordedTransportOptions {
  /** Instance id, for messages. */
  instance: string;
  /** Shown where a live error would name the site. */
  baseUrl: string;
}

const SearchBodySchema = z.looseObject({
  jql: z.string(),
  nextPageToken: z.string().optional(),
  maxResults: z.number().optional(),
  fields: z.array(z.string()).optional(),
});

/**
 * The request as a recording names it. A search sent as POST with a JSON body (one that reconciles issues)
 * is the same search as its GET: a recording says which issues Jira answered, not how they were asked for.
 */
function asRecorded(spec: RequestSpec): RecordedRequest {
  const search = spec.method === "POST" && spec.path.endsWith("/search/jql");
  const body = search ? SearchBodySchema.safeParse(spec.body) : null;
  if (!body?.success) return { method: spec.method, path: spec.path, query: spec.query ?? {} };
  const { jql, nextPageToken, maxResults, fields } = body.data;
  const query: Record<string, string> = { jql };
  if (nextPageToken !== undefined) query.nextPageToken = nextPageToken;
  if (maxResults !== undefined) query.maxResults = String(maxResults);
  if (fields !== undefined) query.fields = fields.join(",");
  return { method: "GET", path: spec.path, query };
}

/**
 * Answers the connector's requests from a folder of recorded Jira responses (see recorded-recording.ts), in
 * place of the HTTP transport: same interface, same schema validation, same errors for a recorded non-2xx.
 * A request the folder does not hold throws RecordedJiraError naming it and what the folder does hold.
 */
export function createRecordedJiraTransport(
  dir: string,
  opts: RecordedTransportOptions,
): RecordedJiraTransport {
  const recording = loadRecording(dir);
  const requests: string[] = [];
  const bodies = new Map<string, Promise<string>>();

  function find(spec: RequestSpec): RecordedExchange {
    const actual = asRecorded(spec);
    const described = describeRequest(actual);
    requests.push(described);
    const found = recording.exchanges.find((e) => matches(e.request, actual));
    if (found) return found;
    const held = recording.exchanges.map((e) => `  ${describeRequest(e.request)}`).join("\n");
    throw new RecordedJiraError(
      "jira_unrecorded_request",
      `Connector ${opts.instance} replays ${recording.file}, which holds no response to ${described} ` +
        `(${spec.what}). Record it, or check the connector's jql and options. The recording holds:\n${held}`,
      { request: described },
    );
  }

  function body(file: string): Promise<string> {
    let text = bodies.get(file);
    if (!text) {
      text = readFile(file, "utf8").catch((error: unknown) => {
        throw new RecordedJiraError(
          "jira_recording_invalid",
          `${recording.file}: cannot read the recorded response ${file}`,
          { cause: error },
        );
      });
      bodies.set(file, text);
    }
    return text;
  }

  /** The recorded answer's text; a recorded error status raises what Jira's live answer would. */
  async function answer(
    spec: RequestSpec,
    signal?: AbortSignal,
  ): Promise<{ text: string | null; file: string | null }> {
    signal?.throwIfAborted();
    const exchange = find(spec);
    const text = exchange.responseFile === null ? null : await body(exchange.responseFile);
    if (exchange.status >= 300) throw httpError(exchange.status, text ?? "", contextOf(spec));
    return { text, file: exchange.responseFile };
  }

  function contextOf(spec: RequestSpec): RequestContext {
    return {
      instance: opts.instance,
      baseUrl: opts.baseUrl,
      method: spec.method,
      path: spec.path,
      what: spec.what,
      jql: spec.jql,
      authHint: `the recorded responses in ${recording.file} (no credentials)`,
    };
  }

  return {
    recording,
    requests,
    get requestCount() {
      return requests.length;
    },
    async json<T>(spec: RequestSpec, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
      const { text, file } = await answer(spec, signal);
      if (text === null || file === null) {
        throw new RecordedJiraError(
          "jira_recording_invalid",
          `${recording.file}: the recorded ${describeRequest({ ...spec, query: spec.query ?? {} })} has no response file`,
        );
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new RecordedJiraError("jira_recording_invalid", `${file}: not JSON (${String(error)})`, {
          cause: error,
        });
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) return parsed.data;
      const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
      throw new JiraError(
        "jira_bad_response",
        `Unexpected recorded response ${file} to ${spec.method} ${spec.path} while ${spec.what}: ` +
          issues.slice(0, 5).join("; "),
      );
    },
    async send(spec: RequestSpec, signal?: AbortSignal): Promise<void> {
      await answer(spec, signal);
    },
  };
}
