import nock from "nock";

/** Where the tests' Slack Web API lives; the clients are configured with it, nock answers for it. */
export const SLACK_ORIGIN = "https://slack.test";
export const SLACK_API_URL = `${SLACK_ORIGIN}/api/`;

export type Fields = Record<string, unknown>;

/**
 * The Web API client posts application/x-www-form-urlencoded with object values (blocks, view) as JSON
 * strings; this turns a captured body back into what the caller passed.
 */
export function decodeForm(body: string): Fields {
  const raw: Fields = Object.fromEntries(new URLSearchParams(body));
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === "string" && /^[[{]/.test(v)) {
      try {
        raw[k] = JSON.parse(v);
      } catch {
        // A text that merely starts with a bracket stays text.
      }
    }
  }
  return raw;
}

export interface MethodMock {
  calls: Fields[];
  scope: nock.Scope;
}

/** Answers `method` with `reply` (a function of the call's fields) `times` times, recording each call. */
export function mockMethod(
  method: string,
  reply: (fields: Fields) => Record<string, unknown>,
  opts: { times?: number; status?: number; headers?: Record<string, string> } = {},
): MethodMock {
  const calls: Fields[] = [];
  const scope = nock(SLACK_ORIGIN)
    .post(`/api/${method}`)
    .times(opts.times ?? 1)
    // nock 15 hands a reply function the fetch Request (one parameter; two would mean a callback style).
    .reply(async (request: Request) => {
      const fields = decodeForm(await request.text());
      calls.push(fields);
      return [opts.status ?? 200, reply(fields), opts.headers ?? {}];
    });
  return { calls, scope };
}

/** Resolves once `check` holds, polling; the work after a Slack ack runs after the HTTP answer. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
