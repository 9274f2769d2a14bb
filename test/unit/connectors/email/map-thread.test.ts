import { describe, expect, it } from "vitest";
import { type EmailMapContext, mapThread, startsAction } from "../../../../connectors/email/map.js";
import { mailKey } from "../../../../connectors/email/native-key.js";
import type { EmailMessage } from "../../../../connectors/email/raw-schema.js";
import { MessagePool, threadsOf } from "../../../../connectors/email/thread.js";
import { ActionRecordSchema } from "../../../../src/model/index.js";
import type { PageItem } from "../../../../src/sync/contract.js";
import { message, parseFixture, replyTo } from "./support.js";

const ctx: EmailMapContext = { tag: "[action]", timeZone: "Europe/Paris" };
const starts = (m: EmailMessage) => startsAction(m, ctx);

function mapAll(messages: EmailMessage[]): PageItem[] {
  const pool = new MessagePool();
  for (const m of messages) pool.add(m);
  const roots = [...new Set(messages.map((m) => pool.rootOf(m, starts)).filter((r) => r !== null))];
  return threadsOf(pool, roots, starts).flatMap((t) => mapThread(t, ctx));
}

/** The records as the sync engine will validate them: the canonical schema parses every one. */
function records(items: PageItem[]) {
  return items.flatMap((i) => (i.kind === "record" ? [ActionRecordSchema.parse(i.record)] : []));
}

function rejections(items: PageItem[]) {
  return items.flatMap((i) => (i.kind === "rejected" ? [i] : []));
}

const root = message({
  uid: 1,
  subject: "[action] QA sign-off",
  text: "Owner: tomasz.nowak@acmepay.example\nDue: 6 Mar 2026\nDepends on: PAY-142",
});

describe("what an e-mail means", () => {
  it("makes a tagged message an action keyed by its Message-ID, the sender its owner when no Owner: line", () => {
    const m = message({
      uid: 4,
      messageId: "tag@x",
      subject: "Fwd: [action] Regression plan",
      date: "2026-01-05T09:00:00Z",
    });
    expect(records(mapAll([m]))).toEqual([
      {
        nativeKey: mailKey("tag@x"),
        url: "mid:tag%40x",
        title: "Regression plan",
        status: "todo",
        ownerRaw: "tomasz.nowak@acmepay.example",
        team: null,
        businessUnit: null,
        program: null,
        start: null,
        due: null,
        kpis: [],
        dependsOn: [],
        mirrors: [],
        sourceUpdatedAt: "2026-01-05T09:00:00Z",
      },
    ]);
  });

  it("makes an untagged message with labelled lines an action, and ignores one with neither", () => {
    const labelled = message({
      uid: 1,
      subject: "Launch checklist",
      text: "We agreed:\nDue: 14 Mar\nTeam: QA",
    });
    const chat = message({ uid: 2, subject: "Lunch?", text: "Anyone up for lunch: 12:30?" });
    expect(records(mapAll([labelled, chat])).map((r) => [r.title, r.due, r.team])).toEqual([
      ["Launch checklist", "2026-03-14", "QA"],
    ]);
    expect(startsAction(chat, ctx)).toBe(false);
  });

  it("uses a Key: line as the native key, so other tools can refer to QA-9", () => {
    const keyed = message({ uid: 1, subject: "[action] QA sign-off", text: "Key: QA-9\nDue: 6 Mar 2026" });
    expect(records(mapAll([keyed]))[0]).toMatchObject({ nativeKey: "QA-9", due: "2026-03-06" });
  });

  it("reads year-less dates from the day the message was written in the organisation's time zone", () => {
    // 23:30 UTC on 31 Jan is already 1 Feb in Paris, still 31 Jan in New York. "Jan 1" is then 31 days
    // back in Paris (too far: next year's) and 30 days back in New York (recent enough: this year's).
    const late = message({
      uid: 1,
      subject: "[action] X",
      text: "Start: Jan 1",
      date: "2026-01-31T23:30:00Z",
    });
    expect(records(mapThread({ root: late, replies: [] }, ctx))[0]?.start).toBe("2027-01-01");
    expect(
      records(mapThread({ root: late, replies: [] }, { ...ctx, timeZone: "America/New_York" }))[0]?.start,
    ).toBe("2026-01-01");
  });
});

describe("threads", () => {
  it("applies a reply to the action it answers: `Re: [action]` does not start a second action", () => {
    const reply = replyTo(root, { uid: 2, date: "2026-01-08T15:00:00Z", text: "Due: 10 Mar 2026" });
    const out = records(mapAll([root, reply]));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      nativeKey: mailKey(root.messageId!),
      title: "QA sign-off",
      due: "2026-03-10",
      dependsOn: [{ ref: "PAY-142", type: "FS", lagDays: 0 }],
      sourceUpdatedAt: "2026-01-08T15:00:00Z",
    });
  });

  it("applies replies by Date then UID, so the latest written wins whatever order they arrived in", () => {
    const later = replyTo(root, { uid: 2, date: "2026-01-09T10:00:00Z", text: "Due: 12 Mar 2026" });
    const earlier = replyTo(root, { uid: 3, date: "2026-01-08T10:00:00Z", text: "Due: 10 Mar 2026" });
    expect(records(mapAll([root, later, earlier]))[0]?.due).toBe("2026-03-12");
    const sameTimeA = replyTo(root, { uid: 5, date: "2026-01-09T10:00:00Z", text: "Status: blocked" });
    const sameTimeB = replyTo(root, { uid: 4, date: "2026-01-09T10:00:00Z", text: "Status: in progress" });
    expect(records(mapAll([root, sameTimeA, sameTimeB]))[0]?.status).toBe("blocked");
  });

  it("follows a chain of replies that only carry In-Reply-To", () => {
    const r1 = message({
      uid: 2,
      subject: "Re: x",
      inReplyTo: [root.messageId!],
      text: "Due: 8 Mar 2026",
      date: "2026-01-03T08:00:00Z",
    });
    const r2 = message({
      uid: 3,
      subject: "Re: x",
      inReplyTo: [r1.messageId!],
      text: "Team: QA",
      date: "2026-01-04T08:00:00Z",
    });
    expect(records(mapAll([root, r1, r2]))).toEqual([
      expect.objectContaining({ due: "2026-03-08", team: "QA" }),
    ]);
  });

  it("never counts a quoted older line: the reply's own lines win, the quote is ignored", () => {
    const r1 = replyTo(root, { uid: 2, date: "2026-01-08T10:00:00Z", text: "Due: 10 Mar 2026" });
    const thanks = replyTo(r1, {
      uid: 3,
      date: "2026-01-09T10:00:00Z",
      text: "Thanks, noted.\n\nOn Thu, 8 Jan 2026, Tomasz wrote:\n> Due: 10 Mar 2026\n>> Due: 6 Mar 2026",
    });
    const out = mapAll([root, r1, thanks]);
    expect(records(out)[0]).toMatchObject({ due: "2026-03-10", sourceUpdatedAt: "2026-01-08T10:00:00Z" });
    expect(rejections(out)).toEqual([]);
  });

  it("ignores auto-replies in a thread, even with labelled lines", async () => {
    const original = await parseFixture("demo/01-qa-signoff.eml", 1);
    const oof = await parseFixture("auto-reply.eml", 2);
    const out = mapAll([original, oof]);
    expect(rejections(out)).toEqual([]);
    expect(records(out)).toEqual([
      expect.objectContaining({ nativeKey: "QA-9", due: "2026-03-06", status: "todo" }),
    ]);
    expect(mapAll([oof])).toEqual([]);
  });

  it("keeps the first copy when the mailbox holds the same message twice", () => {
    const copy = { ...root, uid: 9, text: "Due: 1 Apr 2026" };
    const pool = new MessagePool();
    expect(pool.add(copy)).toBe(true);
    expect(pool.add(root)).toBe(true);
    expect(pool.add({ ...root, uid: 12 })).toBe(false);
    expect(pool.all()).toEqual([root]);
  });
});

describe("what cannot be read is quarantined, naming the message and the line", () => {
  it("rejects an action whose first message has an unreadable date, with no half-made record", () => {
    const bad = message({
      uid: 3,
      messageId: "bad@x",
      subject: "[action] Payout limits",
      text: "Due: end of Q1\nTeam: Compliance",
    });
    const out = mapAll([bad]);
    expect(records(out)).toEqual([]);
    expect(rejections(out)).toEqual([
      {
        kind: "rejected",
        reason: expect.stringMatching(
          /<bad@x> "\[action\] Payout limits".*line "Due: end of Q1": unreadable date/,
        ),
        origin: expect.objectContaining({ nativeKey: mailKey("bad@x"), field: "due" }),
        raw: { messageId: "bad@x", subject: "[action] Payout limits", lines: ["Due: end of Q1"] },
      },
    ]);
  });

  it("skips a reply with an unreadable line, keeps the rest of the thread, and says the reply was not applied", () => {
    const bad = replyTo(root, { uid: 2, date: "2026-01-08T10:00:00Z", text: "Due: soonish\nTeam: QA" });
    const good = replyTo(root, { uid: 3, date: "2026-01-09T10:00:00Z", text: "Status: in progress" });
    const out = mapAll([root, bad, good]);
    expect(records(out)).toEqual([
      expect.objectContaining({ due: "2026-03-06", team: null, status: "in_progress" }),
    ]);
    expect(rejections(out).map((r) => [r.origin.nativeKey, r.reason])).toEqual([
      [mailKey(root.messageId!), expect.stringContaining('line "Due: soonish"')],
    ]);
    expect(rejections(out)[0]?.reason).toContain("the reply was not applied");
  });

  it("refuses a reply that tries to re-key the action", () => {
    const rekey = replyTo(root, { uid: 2, text: "Key: QA-10\nDue: 1 Apr 2026" });
    const out = mapAll([root, rekey]);
    expect(records(out)[0]).toMatchObject({ nativeKey: mailKey(root.messageId!), due: "2026-03-06" });
    expect(rejections(out)[0]?.reason).toContain("only the message that starts an action can name its key");
  });

  it("rejects an action message without Message-ID, and one whose subject is only the tag", () => {
    const anonymous = message({ uid: 1, messageId: null, subject: "[action] Untrackable" });
    const untitled = message({ uid: 2, subject: "Re: [action]" });
    const out = mapAll([anonymous, untitled]);
    expect(records(out)).toEqual([]);
    expect(rejections(out).map((r) => r.origin.field)).toEqual(["nativeKey", "title"]);
    expect(rejections(out)[0]?.reason).toContain("has no Message-ID");
  });
});
