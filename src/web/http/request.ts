import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import { readBody as readLimitedBody } from "../../http/body.js";
import { WebError } from "../errors.js";

/** Reads the body up to `max` bytes; a larger one is refused with 413 (and drained, never buffered). */
export async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const body = await readLimitedBody(req, max);
  if (body === null) throw new WebError("body_too_large", 413, `request body over ${max} bytes`);
  return body;
}

function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

/** An HTML form post (application/x-www-form-urlencoded), as URLSearchParams. */
export async function readForm(req: IncomingMessage, max = 64 * 1024): Promise<URLSearchParams> {
  if (mediaType(req) !== "application/x-www-form-urlencoded") {
    req.resume();
    throw new WebError("unsupported_media_type", 415, "expected an application/x-www-form-urlencoded form");
  }
  return new URLSearchParams((await readBody(req, max)).toString("utf8"));
}

/** A JSON body validated by `schema`; every issue is reported with its path. */
export async function readJson<S extends z.ZodType>(
  req: IncomingMessage,
  schema: S,
  max = 1024 * 1024,
): Promise<z.output<S>> {
  if (mediaType(req) !== "application/json") {
    req.resume();
    throw new WebError("unsupported_media_type", 415, "expected an application/json body");
  }
  const text = (await readBody(req, max)).toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new WebError("bad_json", 400, "request body is not valid JSON", { cause });
  }
  return parseOr400(schema, value, "request body");
}

/** Validates `value`; failures become a 400 naming each field and why. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || where}: ${i.message}`);
  throw new WebError("bad_request", 400, `${where}: ${issues.join("; ")}`);
}

/** Query parameters as a plain object; empty values (a select left on "any") are dropped. */
export function queryObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (v !== "") out[k] = v;
  return out;
}
