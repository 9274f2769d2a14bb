import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ImapFlow } from "imapflow";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmailConnector, type EmailConnector } from "../../../connectors/email/connector.js";
import { parseEmailCursor } from "../../../connectors/email/cursor.js";
import { mailKey } from "../../../connectors/email/native-key.js";
import { openStore, type Store } from "../../../src/store/index.js";
import { runSync, SyncError } from "../../../src/sync/index.js";
import { type DovecotServer, startDovecot } from "../../support/dovecot.js";
import { adminClient, appendFixture, configFor, connectorFor, recreateMailbox, WireLog } from "./support.js";

const QA9 = "mail-actions:QA-9";
let dovecot: DovecotServer;
let admin: ImapFlow;
let dir: string;
let store: Store;
let wire: WireLog;

beforeAll(async () => {
  dovecot = await startDovecot();
  admin = await adminClient(dovecot);
}, 30_000);

afterAll(async () => {
  await admin?.logout();
  await dovecot?.stop();
});

beforeEach(async () => {
  await recreateMailbox(admin);
  dir = mkdtempSync(join(tmpdir(), "sightline-email-imap-"));
  store = await openStore(join(dir, "sightline.db"));
  wire = new WireLog();
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sync(at: string, overrides: Record<string, unknown> = {}) {
  const connector = await connectorFor(dovecot, wire, overrides);
  wire.clear();
  const report = await runSync(connector, store.sync, { now: () => at });
  return { report, connector };
}

const instanceActions = async () =>
  (await store.actions.list()).filter((a) => a.source.instance === "mail-actions");

describe("the e-mail connector against Dovecot on loopback, with the real sync engine and store", () => {
  it("turns a new tagged message into an action, and a sync with no new mail fetches nothing", async () => {
    await appendFixture(admin, "demo/01-qa-signoff.eml");
    const first = await sync("2026-01-02T08:00:00.000Z");
    expect(first.report).toMatchObject({ inserted: 1, updated: 0, quarantined: 0, paused: null });
    expect(first.connector.stats).toMatchObject({ fetchCommands: 1, messagesFetched: 1 });
    expect(wire.commands(/^(EXAMINE|SELECT)\b/)).toEqual(["EXAMINE Actions"]);
    expect(wire.commands(/FETCH.*BODY\.PEEK\[\]/)).toHaveLength(1);
    expect(await store.actions.get(QA9)).toMatchObject({
      title: "QA sign-off for Instant Payouts",
      ownerRaw: "tomasz.nowak@acmepay.example",
      team: "QA",
      start: "2026-02-23",
      due: "2026-03-06",
      kpis: ["merchant-activation"],
      dependsOn: [{ ref: "PAY-142", type: "FS", lagDays: 0 }],
      sourceUpdatedAt: "2026-01-02T07:55:00.000Z",
    });
    const cursor = parseEmailCursor(await store.sync.readCursor("mail-actions"), "mail-actions");
    expect(cursor).toMatchObject({ mailbox: "Actions", lastUid: 1 });
    expect(cursor?.highestModseq).toMatch(/^\d+$/);

    const second = await sync("2026-01-02T09:00:00.000Z");
    expect(second.report).toMatchObject({ inserted: 0, updated: 0, unchanged: 0, quarantined: 0 });
    expect(wire.commands(/FETCH/)).toEqual([]);
    expect(wire.commands(/SEARCH/)).toEqual([]);
    expect(second.connector.stats).toEqual({
      listings: 0,
      fetchCommands: 0,
      messagesFetched: 0,
      searches: 0,
    });
  });

  it("moves the due date of the same action on a reply, with one history event; a quoted older Due: does not count", async () => {
    await appendFixture(admin, "demo/01-qa-signoff.eml");
    await sync("2026-01-02T08:00:00.000Z");
    const created = (await store.actions.history(QA9)).length;

    await appendFixture(admin, "demo/02-qa-signoff-reply.eml");
    const reply = await sync("2026-01-08T16:00:00.000Z");
    expect(reply.report).toMatchObject({ inserted: 0, updated: 1, quarantined: 0 });
    // UID FETCH 2:* (UID), then the new message's body; the thread's root is read again by Message-ID.
    expect(wire.commands(/^UID FETCH 2:\* \(UID/)).toHaveLength(1);
    expect(reply.connector.stats.messagesFetched).toBe(2);
    expect(await instanceActions()).toHaveLength(1);
    expect(await store.actions.get(QA9)).toMatchObject({
      due: "2026-03-10",
      baselineDue: "2026-03-06",
      start: "2026-02-23",
    });
    const moved = (await store.actions.history(QA9)).slice(created);
    expect(moved.map((e) => [e.field, e.from, e.to, e.source])).toEqual([
      ["due", '"2026-03-06"', '"2026-03-10"', "mail-actions"],
    ]);

    // Priya's Outlook reply quotes the original (Due: 6 Mar) below "-----Original Message-----".
    await appendFixture(admin, "thanks-outlook-reply.eml");
    const thanks = await sync("2026-01-09T10:00:00.000Z");
    expect(thanks.report).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, quarantined: 0 });
    expect((await store.actions.get(QA9))?.due).toBe("2026-03-10");
    expect(await store.actions.history(QA9)).toHaveLength(created + 1);
  });

  it("folds a thread into one record per run even when its messages fall in different pages", async () => {
    await appendFixture(admin, "demo/01-qa-signoff.eml");
    await appendFixture(admin, "demo/02-qa-signoff-reply.eml");
    const { report } = await sync("2026-01-08T16:00:00.000Z", { batchSize: 1 });
    expect(report).toMatchObject({ inserted: 1, updated: 0, quarantined: 0 });
    expect((await store.actions.get(QA9))?.due).toBe("2026-03-10");
    expect(parseEmailCursor(await store.sync.readCursor("mail-actions"), "mail-actions")?.lastUid).toBe(2);
  });

  it("reads everything again after a UIDVALIDITY change, without duplicating an action", async () => {
    await appendFixture(admin, "demo/01-qa-signoff.eml");
    await appendFixture(admin, "demo/02-qa-signoff-reply.eml");
    await appendFixture(admin, "html-only.eml");
    await sync("2026-01-08T16:00:00.000Z");
    const before = parseEmailCursor(await store.sync.readCursor("mail-actions"), "mail-actions")!;
    const historyBefore = (await store.actions.history(QA9)).length;
    expect(await instanceActions()).toHaveLength(2);

    await recreateMailbox(admin);
    // Restored from a backup in another order: UIDs now mean different messages.
    await appendFixture(admin, "html-only.eml");
    await appendFixture(admin, "demo/02-qa-signoff-reply.eml");
    await appendFixture(admin, "demo/01-qa-signoff.eml");
    const resync = await sync("2026-01-09T08:00:00.000Z");
    const after = parseEmailCursor(await store.sync.readCursor("mail-actions"), "mail-actions")!;
    expect(after.uidValidity).not.toBe(before.uidValidity);
    expect(after.lastUid).toBe(3);
    expect(resync.connector.lastPull).toMatchObject({ fullRead: true, newMessages: 3 });
    expect(resync.report).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, quarantined: 0 });
    expect((await instanceActions()).map((a) => a.nativeKey).sort()).toEqual(
      ["QA-9", mailKey("CAM-landing-page.0106@mail.acmepay.example")].sort(),
    );
    expect((await store.actions.get(QA9))?.due).toBe("2026-03-10");
    expect(await store.actions.history(QA9)).toHaveLength(historyBefore);
  });

  it("ignores auto-replies and bounces, though they carry the tag and labelled lines", async () => {
    await appendFixture(admin, "demo/01-qa-signoff.eml");
    await appendFixture(admin, "auto-reply.eml");
    await appendFixture(admin, "bounce.eml");
    const { report, connector } = await sync("2026-01-05T12:00:00.000Z");
    expect(report).toMatchObject({ inserted: 1, quarantined: 0 });
    expect(connector.lastPull).toMatchObject({ newMessages: 3, automated: 2, unrelated: 0 });
    expect(await instanceActions()).toEqual([
      expect.objectContaining({ nativeKey: "QA-9", due: "2026-03-06", status: "todo" }),
    ]);
    expect(await store.sync.quarantine("mail-actions")).toEqual([]);
  });

  it("reads an HTML-only body and non-UTF-8 charsets", async () => {
    await appendFixture(admin, "html-only.eml");
    await appendFixture(admin, "iso-8859-1.eml");
    await appendFixture(admin, "windows-1252.eml");
    const { report } = await sync("2026-01-07T12:00:00.000Z");
    expect(report).toMatchObject({ inserted: 3, quarantined: 0 });
    const byTitle = Object.fromEntries((await instanceActions()).map((a) => [a.title, a]));
    expect(byTitle["Launch landing page"]).toMatchObject({
      ownerRaw: "camille.durand@acmepay.example",
      due: "2026-03-14",
      kpis: ["merchant-signups"],
      team: "Marketing",
    });
    expect(byTitle["Vérification des accès marchands"]).toMatchObject({
      ownerRaw: "Léa Petit",
      due: "2026-02-27",
    });
    // "Due: March 20" written on 7 Jan 2026: this year's.
    expect(byTitle["Payout fee € review"]).toMatchObject({
      ownerRaw: "nadia.benali@acmepay.example",
      due: "2026-03-20",
    });
  });

  it("quarantines an unreadable date, naming the message and the line, and creates nothing", async () => {
    await appendFixture(admin, "bad-date.eml");
    const { report } = await sync("2026-01-08T18:00:00.000Z");
    expect(report).toMatchObject({ inserted: 0, quarantined: 1 });
    expect(await instanceActions()).toEqual([]);
    const [entry] = await store.sync.quarantine("mail-actions");
    expect(entry).toMatchObject({
      nativeKey: mailKey("bad-date.0108.hmartin@mail.acmepay.example"),
      field: "due",
      location: expect.stringContaining('mailbox "Actions" uid 1'),
    });
    expect(entry?.reason).toContain("<bad-date.0108.hmartin@mail.acmepay.example>");
    expect(entry?.reason).toContain('"[action] Payout limits review"');
    expect(entry?.reason).toContain('line "Due: end of Q1"');
  });

  it("never marks shared mail as seen", async () => {
    await appendFixture(admin, "demo/01-qa-signoff.eml");
    await sync("2026-01-02T08:00:00.000Z");
    const lock = await admin.getMailboxLock("Actions", { readOnly: true });
    try {
      const [message] = await admin.fetchAll("1:*", { flags: true });
      expect([...(message?.flags ?? [])]).not.toContain("\\Seen");
    } finally {
      lock.release();
    }
  });
});

describe("checks and failures", () => {
  it("checks the credentials and the mailbox read from the environment", async () => {
    await appendFixture(admin, "demo/01-qa-signoff.eml");
    const build = (password: string, mailbox = "Actions"): Promise<EmailConnector> =>
      createEmailConnector("mail-actions", configFor(dovecot, { mailbox }), {
        organisationTimeZone: "Europe/Paris",
        env: { ACTIONS_IMAP_USER: dovecot.user, ACTIONS_IMAP_PASSWORD: password },
      });
    const ok = await (await build(dovecot.password)).check();
    expect(ok).toEqual({ ok: true, detail: expect.stringContaining('mailbox "Actions" holds 1 message(s)') });
    const refused = await (await build("wrong")).check();
    expect(refused).toEqual({
      ok: false,
      detail: expect.stringContaining("refused the user name or password"),
    });
    const missing = await (await build(dovecot.password, "Nope")).check();
    expect(missing).toEqual({ ok: false, detail: expect.stringContaining("no such mailbox") });
  });

  it("fails the run with a code saying what to fix when the mailbox is gone, writing nothing", async () => {
    const connector = await connectorFor(dovecot, wire, { mailbox: "Gone" });
    const error = await runSync(connector, store.sync, { now: () => "2026-01-02T08:00:00.000Z" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ code: "connector_failed", causeCode: "email_mailbox_missing" });
    expect(await store.sync.readCursor("mail-actions")).toBeNull();
  });
});
