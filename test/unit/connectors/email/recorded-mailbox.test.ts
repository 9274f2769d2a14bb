import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emailConnectorConfigSchema } from "../../../../connectors/email/config.js";
import { createEmailConnector } from "../../../../connectors/email/connector.js";
import {
  createRecordedMailboxTransport,
  loadRecordedMailbox,
} from "../../../../connectors/email/recorded-mailbox.js";
import { openStore, type Store } from "../../../../src/store/index.js";
import { runSync } from "../../../../src/sync/index.js";
import { FIXTURES } from "./support.js";

const DEMO = join(FIXTURES, "demo");
let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "sightline-email-demo-"));
  store = await openStore(join(dir, "sightline.db"));
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function demoConnector(at: string) {
  const config = emailConnectorConfigSchema({ resolvePath: (p) => p }).parse({ recorded: DEMO });
  return createEmailConnector("mail-actions", config, {
    organisationTimeZone: "Europe/Paris",
    now: () => new Date(at),
  });
}

async function syncAt(at: string) {
  const connector = await demoConnector(at);
  const report = await runSync(connector, store.sync, { now: () => new Date(at).toISOString() });
  return { connector, report };
}

describe("the demo's recorded agreement, replayed through the e-mail connector", () => {
  it("creates QA-9 at the kick-off, moves its due date when the reply arrives, then reads nothing more", async () => {
    const kickoff = await syncAt("2026-01-02T09:30:00+01:00");
    expect(kickoff.report).toMatchObject({ inserted: 1, updated: 0, quarantined: 0 });
    expect(kickoff.connector.stats.messagesFetched).toBe(1);
    expect(await store.actions.get("mail-actions:QA-9")).toMatchObject({
      title: "QA sign-off for Instant Payouts",
      source: { kind: "email", instance: "mail-actions" },
      ownerRaw: "tomasz.nowak@acmepay.example",
      team: "QA",
      program: "Instant Payouts launch",
      start: "2026-02-23",
      due: "2026-03-06",
      kpis: ["merchant-activation"],
      dependsOn: [{ ref: "PAY-142", type: "FS", lagDays: 0 }],
      url: "mid:CAH7qa9-signoff.0102.tnowak%40mail.acmepay.example",
    });
    const before = (await store.actions.history("mail-actions:QA-9")).length;

    const later = await syncAt("2026-01-12T10:15:00+01:00");
    expect(later.report).toMatchObject({ inserted: 0, updated: 1, quarantined: 0 });
    expect(await store.actions.get("mail-actions:QA-9")).toMatchObject({
      due: "2026-03-10",
      baselineDue: "2026-03-06",
    });
    const events = (await store.actions.history("mail-actions:QA-9")).slice(before);
    expect(events.map((e) => [e.field, e.from, e.to])).toEqual([["due", '"2026-03-06"', '"2026-03-10"']]);

    const again = await syncAt("2026-01-12T10:15:00+01:00");
    expect(again.report).toMatchObject({ inserted: 0, updated: 0, unchanged: 0, quarantined: 0 });
    expect(again.connector.stats).toEqual({ listings: 0, fetchCommands: 0, messagesFetched: 0, searches: 0 });
  });

  it("makes an action of HTML in a multipart, and quarantines a message with nothing to read, saying why", async () => {
    const box = join(dir, "box");
    mkdirSync(box);
    for (const name of ["html-related-attachment.eml", "attachment-only.eml"]) {
      copyFileSync(join(FIXTURES, name), join(box, name));
    }
    const config = emailConnectorConfigSchema({ resolvePath: (p) => p }).parse({ recorded: box });
    const connector = await createEmailConnector("mail-actions", config, {
      organisationTimeZone: "Europe/Paris",
      now: () => new Date("2026-01-22T09:00:00+01:00"),
    });
    const report = await runSync(connector, store.sync, { now: () => "2026-01-22T08:00:00.000Z" });
    // The tagged subject alone still makes the budget action (title and sender); its unread body is reported.
    expect(report).toMatchObject({ inserted: 2, quarantined: 1 });
    const actions = await store.actions.list();
    expect(actions.map((a) => [a.title, a.due])).toEqual([
      ["Campaign budget sign-off", null],
      ["Relaunch the merchant campaign", "2026-04-13"],
    ]);
    expect(actions.find((a) => a.due !== null)).toMatchObject({
      status: "in_progress",
      dependsOn: [{ ref: "PAY-142", type: "FS", lagDays: 0 }],
    });
    const [entry] = await store.sync.quarantine("mail-actions");
    expect(entry?.reason).toBe(
      'message <AM9PR04MB-budget.0121@eurprd04.prod.outlook.example> "[action] Campaign budget sign-off" ' +
        `(${join(box, "attachment-only.eml")}): it has no text or HTML body (it holds only budget.pdf), so it cannot say anything about an action`,
    );
  });

  it("numbers the files by Date and answers `UID n:*` past the end with the last message, as IMAP does", async () => {
    const mailbox = await loadRecordedMailbox(DEMO);
    expect(mailbox.messages.map((m) => [m.fetched.uid, m.parsed.subject])).toEqual([
      [1, "[action] QA sign-off for Instant Payouts"],
      [2, "Re: [action] QA sign-off for Instant Payouts"],
    ]);
    const session = await createRecordedMailboxTransport(mailbox).connect();
    expect(await session.open("INBOX")).toMatchObject({ exists: 2, uidNext: 3 });
    expect(await session.uidsFrom(5)).toEqual([2]);
    expect(await session.uidsFrom(2)).toEqual([2]);
  });
});
