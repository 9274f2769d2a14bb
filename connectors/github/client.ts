import { decideRetry, REAL_RETRY_DEPS, type RetryPolicy } from "../../src/sync/retry.js";
import { GitHubError } from "./errors.js";
import { GitHubErrorBodySchema } from "./raw-schema.js";

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export interface GitHubClientOptions {
  apiUrl: string;
  /** The token itself; kept in this closure, never logged or put in an error. */
  token: string | null;
  /** Names the token's variable in a 401, so the admin knows what to fix. */
  tokenHint: string;
  fetch?: Fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  nowMs?: () => number;
  policy?: RetryPolicy;
}

export type GitHubAnswer =
  | { status: 200; body: unknown; etag: string | null; next: string | null }
  | { status: 304 };

export interface GitHubRequest {
  /** A path from the API root (`/repos/acme/payments/issues`) or a `next` URL GitHub gave. */
  path: string;
  query?: Record<string, string>;
  /** The ETag of the last answer: GitHub answers 304, which costs no rate limit, when nothing changed. */
  etag?: string | null;
  /** "listing issues": what an error says was being done. */
  what: string;
}

export interface GitHubClient {
  get(request: GitHubRequest, signal?: AbortSignal): Promise<GitHubAnswer>;
  /** Requests sent, tries included: what "an idle sync costs one 304 per listing" is measured with. */
  readonly requestCount: number;
}

/** `<https://api.github.com/...&page=2>; rel="next", <...>; rel="last"` → the next URL. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m?.[1]) return m[1];
  }
  return null;
}

async function said(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  try {
    const body = GitHubErrorBodySchema.safeParse(JSON.parse(text));
    if (body.success) return body.data.message;
  } catch {
    // Not JSON (a proxy's HTML page): the text itself, trimmed, is the message.
  }
  return text.replace(/\s+/g, " ").trim().slice(0, 300) || "(no message)";
}

/** A primary or secondary rate limit: GitHub answers 403 (or 429) and says when to come back. */
function rateLimited(res: Response): boolean {
  return (
    (res.status === 403 || res.status === 429) &&
    (res.headers.has("retry-after") || res.headers.get("x-ratelimit-remaining") === "0")
  );
}

/** Transient failures are retried a few times; GitHub's waits of up to a minute are honoured. */
export const GITHUB_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

/**
 * GitHub's REST API over fetch: the recommended headers, conditional requests, and the shared retry policy
 * (src/sync/retry.ts) for 5xx, network errors and rate limits (waiting what GitHub says, at most a minute;
 * longer waits fail as `github_rate_limited`, retryable, for the next scheduled run).
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 */
export function createGitHubClient(opts: GitHubClientOptions): GitHubClient {
  const doFetch: Fetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const sleep = opts.sleep ?? REAL_RETRY_DEPS.sleep;
  const random = opts.random ?? REAL_RETRY_DEPS.random;
  const nowMs = opts.nowMs ?? Date.now;
  const policy = opts.policy ?? GITHUB_RETRY_POLICY;
  let count = 0;

  function urlOf(request: GitHubRequest): string {
    const url = new URL(request.path.startsWith("http") ? request.path : `${opts.apiUrl}${request.path}`);
    for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);
    return url.toString();
  }

  async function get(request: GitHubRequest, signal?: AbortSignal): Promise<GitHubAnswer> {
    const url = urlOf(request);
    const where = `GET ${new URL(url).pathname} (${request.what})`;
    const headers: Record<string, string> = {
      Accept: "application/vnd.github+json",
      "X-GitHub-Api-Version": "2022-11-28",
      "User-Agent": "sightline",
    };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    if (request.etag) headers["If-None-Match"] = request.etag;
    for (let attempt = 1; ; attempt++) {
      count++;
      let res: Response;
      try {
        res = await doFetch(url, { method: "GET", headers, ...(signal ? { signal } : {}) });
      } catch (error) {
        if (signal?.aborted) throw error;
        const decision = decideRetry({ kind: "network", error }, attempt, policy, nowMs(), random);
        if (decision.retry) {
          await sleep(decision.delayMs, signal);
          continue;
        }
        throw new GitHubError("github_network", `${where}: GitHub did not answer (${String(error)})`, {
          retryable: true,
          cause: error,
        });
      }
      if (res.status === 304) return { status: 304 };
      if (res.ok) {
        const text = await res.text();
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch (error) {
          throw new GitHubError("github_bad_response", `${where}: the answer is not JSON`, { cause: error });
        }
        return { status: 200, body, etag: res.headers.get("etag"), next: nextLink(res.headers.get("link")) };
      }
      const limited = rateLimited(res);
      // A rate-limited 403 is GitHub's 429; any other 403 is a permission to fix, never retried.
      const status = limited ? 429 : res.status;
      const decision = decideRetry(
        { kind: "response", status, headers: res.headers },
        attempt,
        policy,
        nowMs(),
        random,
      );
      if (decision.retry) {
        await res.body?.cancel();
        await sleep(decision.delayMs, signal);
        continue;
      }
      throw await failure(res, where, limited);
    }
  }

  async function failure(res: Response, where: string, limited: boolean): Promise<GitHubError> {
    const message = await said(res);
    const status = res.status;
    if (limited)
      return new GitHubError("github_rate_limited", `${where}: rate limited by GitHub (${message})`, {
        status,
        retryable: true,
      });
    if (status === 401)
      return new GitHubError(
        "github_unauthorized",
        `${where}: GitHub refused the token (${message}); check ${opts.tokenHint}`,
        { status },
      );
    if (status === 403)
      return new GitHubError("github_forbidden", `${where}: the token may not read this (${message})`, {
        status,
      });
    if (status === 404)
      return new GitHubError(
        "github_not_found",
        `${where}: not found (${message}); check the repo name and that the token can see it`,
        { status },
      );
    if (status >= 500)
      return new GitHubError("github_unavailable", `${where}: GitHub answered ${status} (${message})`, {
        status,
        retryable: true,
      });
    return new GitHubError("github_http", `${where}: GitHub answered ${status} (${message})`, { status });
  }

  return {
    get,
    get requestCount() {
      return count;
    },
  };
}
