/** Node's codes for a request that never got an answer: the peer refused, reset, timed out or had no address. */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "EPIPE",
]);

/** Whether an error (or anything thrown) carries one of NETWORK_ERROR_CODES as its `code`. */
export function hasNetworkCode(error: unknown): boolean {
  if (error === null || typeof error !== "object") return false;
  const code: unknown = Reflect.get(error, "code");
  return typeof code === "string" && NETWORK_ERROR_CODES.has(code);
}
