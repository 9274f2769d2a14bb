import { createHmac, timingSafeEqual } from "node:crypto";

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export interface SignedRequest {
  signingSecret: string;
  /** `X-Slack-Request-Timestamp`: Unix seconds. */
  timestamp: string | undefined;
  /** `X-Slack-Signature`: `v0=<hex HMAC-SHA256>`. */
  signature: string | undefined;
  /** The body exactly as received: the HMAC is over bytes, so nothing may be parsed or re-encoded first. */
  body: Buffer;
  nowMs: number;
  /** Slack's window: 5 minutes. */
  toleranceSeconds?: number;
}

/**
 * Verifies a request the way Slack signs it (https://docs.slack.dev/authentication/verifying-requests-from-slack):
 * HMAC-SHA256 with the signing secret over `v0:<timestamp>:<body>`, compared in constant time. The timestamp
 * must lie within the window both ways: a stale one is a replay, and one from the future would stay
 * replayable for as long as it is ahead (Bolt's own check only rejects the stale side).
 */
export function verifySlackSignature(req: SignedRequest): SignatureCheck {
  const tolerance = req.toleranceSeconds ?? 300;
  if (!req.timestamp) return { ok: false, reason: "missing X-Slack-Request-Timestamp" };
  if (!req.signature) return { ok: false, reason: "missing X-Slack-Signature" };
  if (!/^\d{1,12}$/.test(req.timestamp))
    return { ok: false, reason: "X-Slack-Request-Timestamp is not Unix seconds" };
  const skew = Math.floor(req.nowMs / 1000) - Number(req.timestamp);
  if (skew > tolerance)
    return { ok: false, reason: `request timestamp is ${skew} s old (limit ${tolerance} s)` };
  if (skew < -tolerance) {
    return { ok: false, reason: `request timestamp is ${-skew} s in the future (limit ${tolerance} s)` };
  }
  const m = /^v0=([0-9a-f]{64})$/.exec(req.signature);
  if (!m?.[1]) return { ok: false, reason: "X-Slack-Signature is not v0=<64 hex digits>" };
  const expected = createHmac("sha256", req.signingSecret)
    .update(`v0:${req.timestamp}:`)
    .update(req.body)
    .digest();
  const given = Buffer.from(m[1], "hex");
  if (!timingSafeEqual(given, expected)) return { ok: false, reason: "signature mismatch" };
  return { ok: true };
}

/** Signs a body as Slack does; for tests and local tooling that replay Slack requests. */
export function signSlackRequest(signingSecret: string, timestamp: number, body: string | Buffer): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:`).update(body).digest("hex")}`;
}
