import type { z } from "zod";
import { decideRetry, type RetryPolicy } from "../../src/sync/retry.js";
import { sleep } from "../../src/sync/sleep.js";
import { JiraError } from "./errors.js";
import { httpError, type RequestContext } from "./http-errors.js";

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const defaultSleep: Sleep = sleep;

export interface TransportDeps {
  /** Injected so tests and recorded replays can stand in for the network (nock also intercepts the global). */
  fetch?: typeof fetch;
  sleep?: Sleep;
  random?: () => number;
  nowMs?: () => number;
}

export interface TransportOptions extends TransportDeps {
  instance: string;
  baseUrl: string;
  /** The Authorization header value; kept in this closure, never logged or put in an error. */
  authorization: string;
  authHint: string;
  policy: RetryPolicy;
}

export interface RequestSpec {
  method: "GET" | "PUT" | "POST";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  what: string;
  jql?: string;
}

export interface JiraTransport {
  /** A JSON response validated by `schema`. */
  json<T>(spec: RequestSpec, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T>;
  /** A request whose answer has no body worth reading (204 No Content). */
  send(spec: RequestSpec, signal?: AbortSignal): Promise<void>;
  /** Requests made so far (tries included): what the "one request per idle sync" claim is measured with. */
  readonly requestCount: number;
}

export function createJiraTransport(opts: TransportOptions): JiraTransport {
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const nowMs = opts.nowMs ?? Date.now;
  let count = 0;

  function contextOf(spec: RequestSpec): RequestContext {
    return {
      instance: opts.instance,
      baseUrl: opts.baseUrl,
      method: spec.method,
      path: spec.path,
      what: spec.what,
      jql: spec.jql,
      authHint: opts.authHint,
    };
  }

  /** One logical request: retried per the policy, a final failure turned into a JiraError. */
  async function exchange(spec: RequestSpec, signal?: AbortSignal): Promise<Response> {
    const url = new URL(opts.baseUrl + spec.path);
    for (const [k, v] of Object.entries(spec.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = {
      Accept: "application/json",
      Authorization: opts.authorization,
      "User-Agent": "sightline-jira-connector",
    };
    if (spec.body !== undefined) headers["Content-Type"] = "application/json";

    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      let res: Response;
      try {
        count++;
        res = await doFetch(url, {
          method: spec.method,
          headers,
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          signal,
        });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const decision = decideRetry({ kind: "network", error }, attempt, opts.policy, nowMs(), random);
        if (!decision.retry) {
          throw new JiraError(
            "jira_network",
            `Could not reach Jira at ${opts.baseUrl} while ${spec.what} (${attempt} tries): ${errorText(error)}`,
            { retryable: true, cause: error },
          );
        }
        await sleep(decision.delayMs, signal);
        continue;
      }

      if (res.ok) return res;

      const decision = decideRetry(
        { kind: "response", status: res.status, headers: res.headers },
        attempt,
        opts.policy,
        nowMs(),
        random,
      );
      const bodyText = await res.text();
      if (decision.retry) {
        await sleep(decision.delayMs, signal);
        continue;
      }
      if (decision.why === "wait_too_long") {
        throw new JiraError(
          "jira_rate_limited",
          `Jira asked connector ${opts.instance} to wait ${Math.ceil((decision.waitMs ?? 0) / 1000)} s ` +
            `(${res.status}) while ${spec.what}, longer than retry.maxRetryAfterMs: run again after that`,
          { status: res.status, retryable: true },
        );
      }
      throw httpError(res.status, bodyText, contextOf(spec));
    }
  }

  return {
    async json<T>(spec: RequestSpec, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
      const res = await exchange(spec, signal);
      return parseJson(res, schema, contextOf(spec));
    },
    async send(spec: RequestSpec, signal?: AbortSignal): Promise<void> {
      const res = await exchange(spec, signal);
      await res.arrayBuffer();
    },
    get requestCount() {
      return count;
    },
  };
}

async function parseJson<T>(res: Response, schema: z.ZodType<T>, ctx: RequestContext): Promise<T> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new JiraError(
      "jira_bad_response",
      `Jira answered ${ctx.method} ${ctx.path} with something that is not JSON (${text.slice(0, 120)})`,
      { status: res.status, cause: error },
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new JiraError(
      "jira_bad_response",
      `Unexpected response to ${ctx.method} ${ctx.path} while ${ctx.what}: ${issues.slice(0, 5).join("; ")}`,
      { status: res.status },
    );
  }
  return parsed.data;
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
