import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One Web API call as the fake received it: the method and its arguments (nested JSON decoded). */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** When the request arrived (Date.now()), and what it was answered: HTTP status, or 0 for a dropped connection. */
  at: number;
  status: number;
}

/** How the fake fails, for outage tests: drop every connection, answer 503, or answer the next posts 429. */
export type SlackFault = { kind: "refuse" } | { kind: "http"; status: number } | null;

interface Message {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  metadata?: unknown;
}

export interface FakeSlackApi {
  /** The base to put in `slack.apiUrl` (ends with `/`). */
  url: string;
  calls: SlackCall[];
  /** Messages as they stand now (posted, then edited), by `channel/ts`. */
  messages: Map<string, Message>;
  /** From now on every call fails this way (null: Slack is back). */
  fail(fault: SlackFault): void;
  /**
   * Rate-limits chat.postMessage as Slack does: the next post opens a window of `seconds`, and every post within
   * it answers 429 with the seconds left in `Retry-After`.
   */
  rateLimitPosts(seconds: number): void;
  close(): Promise<void>;
}

/**
 * A Slack Web API on loopback for processes a test spawns (nock cannot reach into another process). It answers
 * the methods the alert sink calls with the documented shapes: chat.postMessage
 * (https://docs.slack.dev/reference/methods/chat.postMessage: `channel` is the conversation id, a DM's `D…`
 * for a user id), chat.update, conversations.history (one message by ts), and users.lookupByEmail / users.info
 * as not found. Arguments arrive form-encoded (the Web API client's default) with blocks as a JSON string.
 */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const messages = new Map<string, Message>();
  let clock = 1767000000;
  const conversationOf = (channel: string) =>
    channel.startsWith("U")
      ? `D${channel.slice(1)}`
      : channel.startsWith("#")
        ? `C_${channel.slice(1)}`
        : channel;

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    const text = typeof args.text === "string" ? args.text : "";
    const blocks = Array.isArray(args.blocks) ? args.blocks : [];
    switch (method) {
      case "chat.postMessage": {
        const channel = conversationOf(String(args.channel));
        const ts = `${++clock}.000100`;
        const metadata = args.metadata;
        messages.set(`${channel}/${ts}`, { channel, ts, text, blocks, ...(metadata ? { metadata } : {}) });
        return { ok: true, channel, ts, message: { type: "message", text, ts, blocks } };
      }
      case "chat.update": {
        const key = `${String(args.channel)}/${String(args.ts)}`;
        if (!messages.has(key)) return { ok: false, error: "message_not_found" };
        messages.set(key, { channel: String(args.channel), ts: String(args.ts), text, blocks });
        return { ok: true, channel: args.channel, ts: args.ts, text };
      }
      case "conversations.open":
        // https://docs.slack.dev/reference/methods/conversations.open: a DM's id for a user id.
        return { ok: true, channel: { id: conversationOf(String(args.users)) } };
      case "conversations.history": {
        const shown = (m: Message) => ({
          type: "message",
          text: m.text,
          ts: m.ts,
          blocks: m.blocks,
          ...(m.metadata && args.include_all_metadata === "true" ? { metadata: m.metadata } : {}),
        });
        if (args.latest !== undefined) {
          const m = messages.get(`${String(args.channel)}/${String(args.latest)}`);
          return { ok: true, messages: m ? [shown(m)] : [], has_more: false };
        }
        // Newest first, as Slack lists a conversation.
        const inChannel = [...messages.values()].filter((m) => m.channel === String(args.channel)).reverse();
        return {
          ok: true,
          messages: inChannel.slice(0, Number(args.limit ?? 100)).map(shown),
          has_more: false,
        };
      }
      case "users.lookupByEmail":
        return { ok: false, error: "users_not_found" };
      case "users.info":
        return { ok: false, error: "user_not_found" };
      default:
        return { ok: false, error: "unknown_method" };
    }
  };

  let fault: SlackFault = null;
  let limitSeconds = 0;
  let limitedUntil = 0;
  const server: Server = createServer((req, res) => {
    void readArgs(req).then((args) => {
      const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
      const call: SlackCall = { method, args, at: Date.now(), status: 200 };
      calls.push(call);
      if (fault?.kind === "refuse") {
        call.status = 0;
        req.socket.destroy();
        return;
      }
      if (fault?.kind === "http") {
        call.status = fault.status;
        res.writeHead(fault.status, { "content-type": "text/html" });
        res.end("<html><body>Service Unavailable</body></html>");
        return;
      }
      if (method === "chat.postMessage" && limitSeconds > 0) {
        limitedUntil = call.at + limitSeconds * 1000;
        limitSeconds = 0;
      }
      if (method === "chat.postMessage" && call.at < limitedUntil) {
        // https://docs.slack.dev/apis/web-api/rate-limits: HTTP 429, Retry-After in seconds, error "ratelimited".
        call.status = 429;
        const left = Math.ceil((limitedUntil - call.at) / 1000);
        res.writeHead(429, { "content-type": "application/json", "retry-after": String(left) });
        res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(answer(method, args)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    messages,
    fail(next) {
      fault = next;
    },
    rateLimitPosts(seconds) {
      limitSeconds = seconds;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readArgs(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // Nested arguments (blocks, attachments) travel as JSON text in a form field.
    args[key] = key === "blocks" || key === "attachments" || key === "metadata" ? JSON.parse(value) : value;
  }
  return args;
}
