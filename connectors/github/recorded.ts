import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import type { Fetch } from "./client.js";
import { GitHubError } from "./errors.js";

export const RECORDING_FILE = "recording.json";

const RecordingSchema = z.strictObject({
  requests: z.array(
    z.strictObject({
      /** Path from the API root; every query parameter is compared, present or not. */
      path: z.string().startsWith("/"),
      query: z.record(z.string(), z.string()).default({}),
      status: z.int().min(200).max(599).default(200),
      /** Sent back as `ETag`; a request carrying it in `If-None-Match` is answered 304. */
      etag: z.string().optional(),
      /** Path and query of the next page, sent back as `Link: <…>; rel="next"`. */
      next: z.string().startsWith("/").optional(),
      /** A file of the folder holding the body, exactly as GitHub sent it. */
      response: z.string().min(1),
    }),
  ),
});

/**
 * Answers GitHub requests from a recorded folder (`recording.json` plus the bodies), the way GitHub would:
 * ETags, 304s and `Link` headers included, so the connector runs unchanged without network or token. A
 * request nobody recorded fails loudly instead of becoming an empty answer.
 */
export function recordedGitHubFetch(dir: string, apiUrl: string): Fetch {
  const file = join(resolve(dir), RECORDING_FILE);
  let parsed: z.infer<typeof RecordingSchema>;
  try {
    parsed = RecordingSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch (error) {
    const why =
      error instanceof z.ZodError
        ? error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")
        : String(error);
    throw new GitHubError("github_recording_invalid", `${file}: ${why}`, { cause: error });
  }
  const bodies = new Map(
    parsed.requests.map((r) => [r.response, readFileSync(resolve(dir, r.response), "utf8")]),
  );
  return async (input, init) => {
    const url = new URL(input);
    const path = url.pathname.slice(new URL(apiUrl).pathname.replace(/\/$/, "").length);
    const query = Object.fromEntries(url.searchParams);
    const entry = parsed.requests.find(
      (r) =>
        r.path === path &&
        JSON.stringify(Object.entries(r.query).sort()) === JSON.stringify(Object.entries(query).sort()),
    );
    if (!entry) {
      throw new GitHubError(
        "github_unrecorded_request",
        `${file} holds no answer to GET ${path}?${url.searchParams}`,
      );
    }
    const headers = new Headers(init.headers);
    const etag = entry.etag ?? null;
    if (etag !== null && headers.get("if-none-match") === etag)
      return new Response(null, { status: 304, headers: { ETag: etag } });
    const out = new Headers({ "Content-Type": "application/json; charset=utf-8" });
    if (etag !== null) out.set("ETag", etag);
    if (entry.next) out.set("Link", `<${apiUrl}${entry.next}>; rel="next"`);
    return new Response(bodies.get(entry.response) ?? "", { status: entry.status, headers: out });
  };
}
