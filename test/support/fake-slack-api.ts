import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One Web API call as the fake received it: the method and its arguments (nested JSON decoded). */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

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

  const server: Server = createServer((req, res) => {
    void readArgs(req).then((args) => {
      const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
      calls.push({ method, args });
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
