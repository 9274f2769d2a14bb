import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { type AlertBatch, mergeForRecipient, planAlerts, renderAlert } from "../../../src/alerts/index.js";
import {
  createEmailSink,
  createSmtpTransport,
  EmailSinkError,
} from "../../../src/alerts/sinks/email-sink.js";
import { campaignConflict, diff, MemoryLedger, planInput } from "../../unit/alerts/fixtures.js";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

/** A real SMTP server on loopback that keeps what it receives and refuses one mailbox with 550. */
async function startSmtp(): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === "gone@example.com") {
        callback(Object.assign(new Error("5.1.1 mailbox unavailable"), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.server.address();
  if (address === null || typeof address === "string") throw new Error("SMTP server has no port");
  const { port } = address;
  return { url: `smtp://127.0.0.1:${port}`, received };
}

/** Unfolded headers of a MIME entity, lower-case names. */
function headers(entity: string): Map<string, string> {
  const head = entity.split(/\r?\n\r?\n/)[0] ?? "";
  const out = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) out.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return out;
}

function decodeBody(entity: string): string {
  const h = headers(entity);
  const body = entity.slice(entity.search(/\r?\n\r?\n/)).replace(/^\r?\n\r?\n/, "");
  const encoding = h.get("content-transfer-encoding")?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** The text/plain and text/html parts of a multipart/alternative message. */
function parts(raw: string): { text: string; html: string } {
  const type = headers(raw).get("content-type") ?? "";
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
  if (!type.startsWith("multipart/alternative") || !boundary)
    throw new Error(`not multipart/alternative: ${type}`);
  const entities = raw.split(`--${boundary}`).slice(1, -1);
  const find = (mime: string) => {
    const e = entities.find((p) =>
      headers(p.replace(/^\r?\n/, ""))
        .get("content-type")
        ?.startsWith(mime),
    );
    if (!e) throw new Error(`no ${mime} part`);
    return decodeBody(e.replace(/^\r?\n/, ""))
      .replace(/\r\n/g, "\n")
      .replace(/\n$/, "");
  };
  return { text: find("text/plain"), html: find("text/html") };
}

function emailBatch(ledger = new MemoryLedger(), resolved = false): AlertBatch {
  const d = resolved ? diff({ resolved: [campaignConflict()] }) : diff({ opened: [campaignConflict()] });
  const batches = mergeForRecipient(planAlerts(planInput({ ledger, diff: d }))).batches;
  const maria = batches.find((b) => b.recipient.target.to === "U_MARIA");
  if (!maria) throw new Error("fixture: maria hears the conflict");
  return {
    ...maria,
    recipient: { ...maria.recipient, target: { channel: "email", to: "maria@example.com" } },
  };
}

describe("e-mail sink over a real SMTP server", () => {
  it("sends one message with the text and HTML versions of the same alert", async () => {
    const smtp = await startSmtp();
    const sink = createEmailSink({
      transport: createSmtpTransport(smtp.url),
      from: "Sightline <alerts@sightline.example>",
    });
    const batch = emailBatch();
    const rendered = renderAlert(batch);

    const { messageRef } = await sink.deliver(batch, rendered);

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.to).toEqual(["maria@example.com"]);
    expect(mail?.from).toBe("alerts@sightline.example");
    const h = headers(mail?.raw ?? "");
    expect(h.get("message-id")).toBe(messageRef);
    expect(messageRef).toBe(`<${batch.key}@sightline.example>`);
    expect(h.get("subject")).toContain("Schedule conflict");
    const { text, html } = parts(mail?.raw ?? "");
    expect(text).toBe(rendered.text.replace(/\n$/, ""));
    expect(html).toBe(rendered.html.replace(/\n$/, ""));
    expect(text).toContain("42 days short");
    expect(html).toContain("<strong>What to do:</strong>");
  });

  it("follows up a cleared conflict in the same thread (In-Reply-To / References)", async () => {
    const smtp = await startSmtp();
    const sink = createEmailSink({
      transport: createSmtpTransport(smtp.url),
      from: "alerts@sightline.example",
    });
    const ledger = new MemoryLedger();
    const opened = emailBatch(ledger);
    const { messageRef } = await sink.deliver(opened, renderAlert(opened));
    if (!messageRef) throw new Error("the e-mail sink returns the Message-ID");
    ledger.record(opened.intents, () => messageRef);
    // The planner's intent was keyed to maria's Slack target; the e-mail update reuses that ledger entry.
    const cleared = emailBatch(ledger, true);
    expect(cleared.intents[0]?.updateMessageRef).toBe(messageRef);

    const result = await sink.update(cleared, messageRef, renderAlert(cleared));

    expect(smtp.received).toHaveLength(2);
    const h = headers(smtp.received[1]?.raw ?? "");
    expect(h.get("in-reply-to")).toBe(messageRef);
    expect(h.get("references")).toBe(messageRef);
    expect(h.get("subject")).toMatch(/^Re: /);
    expect(h.get("message-id")).not.toBe(messageRef);
    expect(parts(smtp.received[1]?.raw ?? "").text).toContain("Cleared");
    expect(result.messageRef).toBe(messageRef);
  });

  it("a 550 for the mailbox is unrecoverable; a ref that is not a Message-ID is refused", async () => {
    const smtp = await startSmtp();
    const sink = createEmailSink({
      transport: createSmtpTransport(smtp.url),
      from: "alerts@sightline.example",
    });
    const batch = emailBatch();
    const gone: AlertBatch = {
      ...batch,
      recipient: { ...batch.recipient, target: { channel: "email", to: "gone@example.com" } },
    };

    const error = await sink.deliver(gone, renderAlert(gone)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmailSinkError);
    expect(error).toMatchObject({ code: "email_smtp_550", unrecoverable: true, responseCode: 550 });
    expect(smtp.received).toHaveLength(0);

    await expect(
      sink.update(batch, JSON.stringify({ channel: "D1", ts: "1.1" }), renderAlert(batch)),
    ).rejects.toMatchObject({
      code: "email_foreign_message_ref",
    });
  });
});
