import { createHmac, timingSafeEqual } from "node:crypto";
import { SightlineError } from "../model/index.js";

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * `sha256=<hex>` is HMAC-SHA256 of the raw body keyed with the webhook's secret: GitHub's
 * `X-Hub-Signature-256` and Jira's `X-Hub-Signature` (WebSub style). Anything else (no header, `sha1=`, a
 * malformed digest) is false; the comparison is constant-time. An empty secret would verify any body.
 * https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 */
export function verifyHmacSha256(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (secret.length === 0) {
    throw new SightlineError(
      "webhook_secret_empty",
      "a webhook secret must not be empty: it would verify any body",
    );
  }
  const m = header ? SIGNATURE.exec(header.trim()) : null;
  if (!m?.[1]) return false;
  const sent = Buffer.from(m[1], "hex");
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}
