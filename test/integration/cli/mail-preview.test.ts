import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDb, runCli } from "./cli-harness.js";

const MAIL = "fixtures/email";

interface PreviewJson {
  tag: string;
  timeZone: string;
  messages: {
    location: string;
    outcome: string;
    key: string | null;
    changes: Record<string, unknown> | null;
    reasons: string[];
    answersMissing: string[];
  }[];
  actions: { nativeKey: string; due: string | null; status: string; dependsOn: { ref: string }[] }[];
}

async function previewJson(args: string[], env: Record<string, string> = {}): Promise<PreviewJson> {
  const run = await runCli(["mail", "preview", "--json", ...args], env);
  expect(run.err).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.out) as PreviewJson;
}

/** A plain-text message from Ana with these extra headers, in a folder of its own. */
function writeEml(name: string, headers: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), "sightline-mail-")), name);
  const lines = [
    "From: Ana <ana@acmepay.example>",
    ...headers,
    "Date: Tue, 20 Jan 2026 10:00:00 +0000",
    `Message-ID: <${name}@acmepay.example>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Anyone up for lunch?",
    "",
  ];
  writeFileSync(file, lines.join("\r\n"));
  return file;
}

describe("sightline mail preview", () => {
  it("says per message what it starts or changes, and folds the thread like sync, writing nothing", async () => {
    const db = freshDb();
    const files = [`${MAIL}/demo`, `${MAIL}/clients/outlook-fr.eml`, `${MAIL}/auto-reply.eml`];
    const preview = await previewJson(files, { SIGHTLINE_DB: db });
    expect(preview).toMatchObject({ tag: "[action]", timeZone: "Europe/Paris" });
    expect(preview.messages.map((m) => [m.outcome, m.key])).toEqual([
      ["starts", "QA-9"],
      ["updates", "QA-9"],
      ["updates", "QA-9"],
      ["ignored", null],
    ]);
    // The French Outlook reply: only Priya's own lines, not the quoted "Status: blocked" below "De :".
    expect(preview.messages[2]?.changes).toEqual({ status: "in_progress", due: "2026-03-13" });
    expect(preview.actions).toHaveLength(1);
    expect(preview.actions[0]).toMatchObject({ nativeKey: "QA-9", due: "2026-03-13", status: "in_progress" });
    expect(existsSync(db)).toBe(false);
  });

  it("prints a reader's text with the reason a message is quarantined", async () => {
    const run = await runCli(["mail", "preview", `${MAIL}/bad-date.eml`, `${MAIL}/attachment-only.eml`]);
    expect(run.code).toBe(0);
    expect(run.out).toContain("would start MAIL-");
    expect(run.out).toContain(`line "Due: end of Q1": unreadable date`);
    expect(run.out).toContain("it has no text or HTML body (it holds only budget.pdf)");
    expect(run.out).toContain("2 messages, 1 action (nothing was written).");
  });

  it("a reply given without its thread says which message is missing", async () => {
    const file = writeEml("re-lunch.eml", ["Subject: Re: lunch", "In-Reply-To: <lunch.1@acmepay.example>"]);
    const preview = await previewJson([file, `${MAIL}/clients/gmail-en.eml`]);
    const [chat, gmail] = preview.messages;
    expect(chat).toMatchObject({ outcome: "no_action", answersMissing: ["lunch.1@acmepay.example"] });
    expect(chat?.reasons[0]).toContain("<lunch.1@acmepay.example>, not among the files");
    // Tagged, a lone reply starts an action, as sync would if its thread's first message were gone.
    expect(gmail).toMatchObject({ outcome: "starts" });
    expect(gmail?.reasons.join(" ")).toContain("updates it instead of starting one");
  });

  it("the tag and zone can be given; a subject without the tag and without labelled lines starts nothing", async () => {
    const file = writeEml("note.eml", ["Subject: [todo] lunch on Friday?"]);
    const plain = await previewJson([file]);
    expect(plain.messages[0]).toMatchObject({ outcome: "no_action", answersMissing: [] });
    const tagged = await previewJson(["--tag", "[todo]", "--time-zone", "America/New_York", file]);
    expect(tagged).toMatchObject({ tag: "[todo]", timeZone: "America/New_York" });
    expect(tagged.messages[0]).toMatchObject({ outcome: "starts" });
    expect(tagged.actions.map((a) => a.nativeKey)).toHaveLength(1);
  });

  it("refuses a missing file, an unknown zone and an unknown connector with exit 2", async () => {
    const missing = await runCli(["mail", "preview", "no-such.eml"]);
    expect([missing.code, missing.err]).toEqual([2, "sightline: no-such.eml: no such file\n"]);
    const zone = await runCli(["mail", "preview", "--time-zone", "Mars/Olympus", `${MAIL}/bounce.eml`]);
    expect(zone.code).toBe(2);
    expect(zone.err).toContain("not an IANA time zone");
    const connector = await runCli(["mail", "preview", "--connector", "jira", `${MAIL}/bounce.eml`]);
    expect(connector.code).toBe(2);
    expect(connector.err).toContain("e-mail connectors: mail-actions");
  });
});
