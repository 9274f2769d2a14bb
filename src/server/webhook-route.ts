import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody } from "../http/body.js";
import { sendJson } from "../http/respond.js";
import type { Connector, WebhookEndpoint } from "../sync/index.js";

const PATH = /^\/webhooks\/([a-z][a-z0-9_-]*)\/([A-Za-z0-9][A-Za-z0-9_-]*)\/?$/;

/** `{ kind, instance }` of a webhook path (`/webhooks/jira/jira-eng`), or null when the path is not one. */
export function matchWebhookPath(url: string | undefined): { kind: string; instance: string } | null {
  const m = PATH.exec(new URL(url ?? "/", "http://localhost").pathname);
  return m ? { kind: m[1]!, instance: m[2]! } : null;
}

export interface WebhookRouteDeps {
  /** The endpoint of `<kind>/<instance>`; undefined answers 404 (an unverifiable webhook is never accepted). */
  endpoint(kind: string, instance: string): WebhookEndpoint | undefined;
  /** Writes a delivery's one-page connector through the sync engine and schedules the reconcile. */
  apply(connector: Connector, kind: string, instance: string): Promise<void>;
  /** Issue payloads with long descriptions stay well under this. */
  maxBodyBytes?: number;
  onError(error: unknown, where: string): void;
}

/**
 * `POST /webhooks/:kind/:instance` for every connector kind with webhooks: the HTTP side (method, size limit,
 * JSON replies, failures) is here once; verifying, parsing and deduplicating are the connector's endpoint.
 * An apply that fails answers 500 and releases the delivery, so the tool's retry is processed.
 */
export function createWebhookRoute(deps: WebhookRouteDeps) {
  const max = deps.maxBodyBytes ?? 1024 * 1024;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = matchWebhookPath(req.url);
    if (!target) return sendJson(res, 404, { error: "not found" });
    const where = `${target.kind} webhook ${target.instance}`;
    if (req.method !== "POST") return sendJson(res, 405, { error: "use POST" }, { Allow: "POST" });
    const endpoint = deps.endpoint(target.kind, target.instance);
    if (!endpoint) {
      req.resume();
      return sendJson(res, 404, { error: `no ${target.kind} instance ${target.instance} accepts webhooks` });
    }
    const declared = Number(req.headers["content-length"] ?? "0");
    const tooLarge = () =>
      sendJson(res, 413, { error: `body larger than ${max} bytes` }, { Connection: "close" });
    if (declared > max) {
      req.resume();
      return tooLarge();
    }
    const body = await readBody(req, max);
    if (body === null) return tooLarge();
    const verdict = await endpoint.receive({
      body,
      header: (name) => {
        const v = req.headers[name.toLowerCase()];
        return Array.isArray(v) ? v[0] : v;
      },
    });
    if ("reply" in verdict) {
      if (verdict.reply.cause !== undefined) deps.onError(verdict.reply.cause, where);
      return sendJson(res, verdict.reply.status, verdict.reply.body);
    }
    try {
      await deps.apply(verdict.apply, target.kind, target.instance);
    } catch (error) {
      verdict.settle(false);
      deps.onError(error, where);
      return sendJson(res, 500, { error: "could not apply the event; the sender will retry" });
    }
    verdict.settle(true);
    return sendJson(res, 200, { status: "applied" });
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      const t = matchWebhookPath(req.url);
      deps.onError(error, t ? `${t.kind} webhook ${t.instance}` : "webhook");
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.destroy();
    });
  };
}
