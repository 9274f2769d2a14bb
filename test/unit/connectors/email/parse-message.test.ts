import { describe, expect, it } from "vitest";
import { automatedReason, type HeaderView } from "../../../../connectors/email/auto-reply.js";
import { authoredText } from "../../../../connectors/email/body-text.js";
import { parseMessage } from "../../../../connectors/email/parse-message.js";
import { fixtureBytes, parseFixture } from "./support.js";

const raw = (headers: string[], body: string) =>
  Buffer.from(`${headers.join("\r\n")}\r\n\r\n${body}`, "utf8");

describe("parsing a message (mailparser)", () => {
  it("reads the headers the connector needs, ids without angle brackets", async () => {
    const m = await parseFixture("demo/02-qa-signoff-reply.eml", 7);
    expect(m).toMatchObject({
      uid: 7,
      messageId: "CAH7qa9-signoff.0108.tnowak@mail.acmepay.example",
      inReplyTo: ["CAH7qa9-signoff.0102.tnowak@mail.acmepay.example"],
      references: ["CAH7qa9-signoff.0102.tnowak@mail.acmepay.example"],
      subject: "Re: [action] QA sign-off for Instant Payouts",
      date: "2026-01-08T15:20:00.000Z",
      from: { name: "Tomasz Nowak", address: "tomasz.nowak@acmepay.example" },
      automated: null,
    });
  });

  it("decodes an ISO-8859-1 body and an encoded subject and sender name", async () => {
    const m = await parseFixture("iso-8859-1.eml");
    expect(fixtureBytes("iso-8859-1.eml").includes(Buffer.from("é", "utf8"))).toBe(false);
    expect(m.subject).toBe("[action] Vérification des accès marchands");
    expect(m.from?.name).toBe("Léa Petit");
    expect(m.text).toContain("La vérification des accès marchands doit être terminée");
    expect(m.text).toContain("Owner: Léa Petit");
  });

  it("decodes Windows-1252 quoted-printable: curly quotes and the euro sign", async () => {
    const m = await parseFixture("windows-1252.eml");
    expect(m.subject).toBe("[action] Payout fee € review");
    expect(m.text).toContain("We review the “instant” fee (0,50 € per payout)");
  });

  it("converts an HTML-only body to text, labelled lines on their own lines, the quoted message cut", async () => {
    const m = await parseFixture("html-only.eml");
    expect(m.text).not.toMatch(/<\/?(p|b|div|br)\b/);
    const authored = authoredText(m.text);
    expect(authored).toContain("Owner: camille.durand@acmepay.example");
    expect(authored).toMatch(/^Due: 14 Mar 2026$/m);
    expect(authored).not.toContain("Draft plan below");
    expect(authored).not.toContain("1 Mar 2026");
  });

  it("reads HTML wherever the MIME tree holds it: multipart/mixed > related, with an inline logo and a PDF", async () => {
    const m = await parseFixture("html-related-attachment.eml");
    expect(m.unreadableBody).toBeNull();
    const authored = authoredText(m.text);
    expect(authored).toContain("Bonjour à tous,");
    expect(authored).toMatch(/^Owner: camille\.laurent@acmepay\.example$/m);
    expect(authored).toMatch(/^Due: 13 Apr 2026$/m);
    expect(authored).toMatch(/^Depends on: PAY-142$/m);
    expect(authored).not.toMatch(/logo|<img|cid:/);
  });

  it("says why a body cannot be read instead of reading it as empty", async () => {
    expect((await parseFixture("attachment-only.eml")).unreadableBody).toBe(
      "it has no text or HTML body (it holds only budget.pdf)",
    );
    const imageOnly = await parseMessage({
      uid: 1,
      internalDate: null,
      location: "inline",
      source: raw(
        ["Message-ID: <i@x>", "Subject: [action] X", "Content-Type: text/html; charset=utf-8"],
        '<div><img src="cid:scan"></div>',
      ),
    });
    expect(imageOnly).toMatchObject({ text: "", unreadableBody: "its HTML body holds no text" });
  });

  it("quotes an HTML blockquote with `>`, so a quoted line never counts even without an attribution", async () => {
    const m = await parseMessage({
      uid: 1,
      internalDate: null,
      location: "inline",
      source: raw(
        ["Message-ID: <h@x>", "Subject: [action] X", "Content-Type: text/html; charset=utf-8"],
        "<p>Due: 10 Mar 2026</p><blockquote><p>Due: 6 Mar 2026</p></blockquote>",
      ),
    });
    expect(authoredText(m.text).trim()).toBe("Due: 10 Mar 2026");
  });

  it("flags auto-replies and bounces, with the reason", async () => {
    expect((await parseFixture("auto-reply.eml")).automated).toBe("Auto-Submitted: auto-replied");
    expect((await parseFixture("bounce.eml")).automated).toBe("Auto-Submitted: auto-replied");
    expect((await parseFixture("demo/01-qa-signoff.eml")).automated).toBeNull();
  });

  it("falls back to the server's arrival date when the Date header is missing or unreadable", async () => {
    const arrived = new Date("2026-01-05T10:00:00Z");
    for (const headers of [["Subject: a"], ["Subject: a", "Date: the day after tomorrow"]]) {
      const m = await parseMessage({
        uid: 1,
        internalDate: arrived,
        location: "inline",
        source: raw(headers, "x"),
      });
      expect(m.date).toBe("2026-01-05T10:00:00.000Z");
    }
    const none = await parseMessage({
      uid: 1,
      internalDate: null,
      location: "inline",
      source: raw(["Subject: a"], "x"),
    });
    expect(none.date).toBeNull();
    expect(none.messageId).toBeNull();
  });
});

describe("auto-replies and delivery reports", () => {
  const view = (
    headers: Record<string, string>,
    contentType = "text/plain",
    from = "a@x.example",
  ): HeaderView => ({
    text: (name) => headers[name] ?? null,
    contentType: () => contentType,
    fromAddress: () => from,
  });

  it.each([
    [{ "auto-submitted": "auto-replied" }, "Auto-Submitted: auto-replied"],
    [{ "auto-submitted": "auto-generated; owner-email=x@y" }, "Auto-Submitted: auto-generated"],
    [{ "x-autoreply": "yes" }, "x-autoreply header"],
    [{ "x-autorespond": "" }, "x-autorespond header"],
    [{ precedence: "bulk" }, "Precedence: bulk"],
    [{ precedence: "auto_reply" }, "Precedence: auto_reply"],
    [{ "x-failed-recipients": "b@x.example" }, "a bounce (X-Failed-Recipients)"],
  ])("ignores %j", (headers, reason) => {
    expect(automatedReason(view(headers))).toBe(reason);
  });

  it("ignores delivery/disposition reports and mail from mailer-daemon or postmaster", () => {
    expect(automatedReason(view({}, "multipart/report"))).toBe("a delivery or disposition report");
    expect(automatedReason(view({}, "text/plain", "mailer-daemon@mx.example"))).toContain("bounce");
    expect(automatedReason(view({}, "text/plain", "postmaster@mx.example"))).toContain("bounce");
  });

  it("keeps a person's message, `Auto-Submitted: no` and mailing-list precedence included", () => {
    expect(automatedReason(view({ "auto-submitted": "no" }))).toBeNull();
    expect(automatedReason(view({ precedence: "list" }))).toBeNull();
    expect(automatedReason(view({}))).toBeNull();
  });
});
