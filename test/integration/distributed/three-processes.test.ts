import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConflictBlockId } from "../../../src/alerts/slack-action-value.js";
import type { AlertLedgerEntry, StoredConflict } from "../../../src/store/index.js";
import { type Cluster, startCluster } from "./cluster.js";

// What the README's distributed mode promises, run as it is deployed: `serve` and two `worker` processes,
// separate OS processes sharing one PostgreSQL and one Redis, Slack on loopback. A Jira webhook and a sheet
// edit go in through `serve`; the workers sync, reconcile and alert; every alert goes out once.
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ workers: 2 });
}, 90_000);

afterAll(async () => {
  expect(await cluster.stop()).toEqual([0, 0, 0]);
});

const entryKey = (e: AlertLedgerEntry) => `${e.fingerprint} → ${e.recipient} (${e.changeKey})`;

function fingerprintsIn(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((b) => {
    const id = typeof b === "object" && b !== null && "block_id" in b ? String(b.block_id) : "";
    const ref = parseConflictBlockId(id);
    return ref && "fingerprint" in ref ? [ref.fingerprint] : [];
  });
}

function scheduleOf(conflicts: readonly StoredConflict[], actionId: string): StoredConflict {
  const found = conflicts.find((c) => c.type === "schedule" && c.actionId === actionId);
  if (!found) throw new Error(`no schedule conflict on ${actionId}`);
  return found;
}

describe("serve and two workers on PostgreSQL and Redis", () => {
  it("syncs every source through the queue, reconciles once the data is in, and alerts each recipient once", async () => {
    for (const instance of ["jira-eng", "mail-actions", "demo-plan", "mkt-plan"]) {
      const res = await cluster.api(`/api/sources/${instance}/sync`);
      expect([instance, res.status, ((await res.json()) as { kind: string }).kind]).toEqual([
        instance,
        200,
        "queued",
      ]);
    }
    await cluster.settled("the first syncs, reconcile and alerts");
    const entries = await cluster.ledger();
    expect(entries.length).toBeGreaterThan(3);
    expect(entries.filter((e) => e.status !== "sent")).toEqual([]);
    expect(new Set(entries.map(entryKey)).size).toBe(entries.length);
    expect(cluster.slack.calls.filter((c) => c.method === "chat.postMessage").length).toBeGreaterThan(0);
    await cluster.expectEveryPostClaimed();
    expect((await cluster.store.actions.get("jira-eng:PAY-142"))?.due).toBe("2026-02-20");
  });

  it("applies a Jira webhook in serve, and the workers announce what it changed once, replays included", async () => {
    const before = new Set((await cluster.ledger()).map(entryKey));
    const ok = await cluster.pushWebhook("delivery-1");
    expect(ok.status).toBeLessThan(300);
    await cluster.settled("the webhook's reconcile and alerts");
    expect((await cluster.store.actions.get("jira-eng:PAY-142"))?.due).toBe("2026-04-03");
    const qa = scheduleOf(await cluster.store.conflicts.list({ status: ["open"] }), "mail-actions:QA-9");
    expect(qa).toMatchObject({ rootCauseId: "jira-eng:PAY-142", daysShort: 40 });
    const added = (await cluster.ledger()).filter((e) => !before.has(entryKey(e)));
    expect(added.filter((e) => e.fingerprint === qa.fingerprint).length).toBeGreaterThan(0);
    expect(added.filter((e) => e.status !== "sent")).toEqual([]);
    await cluster.expectEveryPostClaimed();

    // The same delivery again, and the same event under a new delivery id: nothing new anywhere.
    const calls = cluster.slack.calls.length;
    const entries = (await cluster.ledger()).map(entryKey).sort();
    expect((await cluster.pushWebhook("delivery-1")).status).toBeLessThan(300);
    expect((await cluster.pushWebhook("delivery-2")).status).toBeLessThan(300);
    await cluster.settled("the replays");
    expect(cluster.slack.calls.length).toBe(calls);
    expect((await cluster.ledger()).map(entryKey).sort()).toEqual(entries);
  });

  it("picks up a sheet edit on 'sync now' and tells each of the changed conflict's recipients once", async () => {
    const launch = scheduleOf(await cluster.store.conflicts.list({ status: ["open"] }), "mkt-plan:MKT-9");
    const folder = join(cluster.dir, "fixtures/sheets/demo-marketing-plan");
    // The marketer moves the launch event six days earlier (serial 46126 = 14 Apr 2026); Drive sees a new version.
    const values = JSON.parse(readFileSync(join(folder, "values-get.json"), "utf8")) as {
      values: unknown[][];
    };
    const row = values.values.find((r) => r[0] === "MKT-9");
    expect(row?.[4]).toBe(46126);
    if (row) row[4] = 46120;
    writeFileSync(join(folder, "values-get.json"), JSON.stringify(values, null, 2));
    writeFileSync(
      join(folder, "drive-files-get.json"),
      JSON.stringify({ version: "1188", modifiedTime: "2026-01-12T10:15:00.000Z" }),
    );
    const before = new Set((await cluster.ledger()).map(entryKey));
    const calls = cluster.slack.calls.length;

    expect((await cluster.api("/api/sources/mkt-plan/sync")).status).toBe(200);
    await cluster.settled("the sheet's sync, reconcile and alerts");
    const moved = scheduleOf(await cluster.store.conflicts.list({ status: ["open"] }), "mkt-plan:MKT-9");
    expect(moved.fingerprint).toBe(launch.fingerprint);
    expect(moved.daysShort).toBe((launch.daysShort ?? 0) + 6);

    const added = (await cluster.ledger()).filter((e) => !before.has(entryKey(e)));
    expect(added.length).toBeGreaterThan(0);
    expect(new Set(added.map((e) => e.fingerprint))).toEqual(new Set([launch.fingerprint]));
    // One change key, and one entry per recipient of it.
    expect(new Set(added.map((e) => e.changeKey)).size).toBe(1);
    expect(new Set(added.map((e) => e.recipient)).size).toBe(added.length);
    // Each Slack recipient got exactly one message (or edit) about it.
    const slackRecipients = added.filter((e) => e.recipient.startsWith("slack-")).length;
    const newCalls = cluster.slack.calls.slice(calls).filter((c) => c.method.startsWith("chat."));
    expect(newCalls).toHaveLength(slackRecipients);
    for (const c of newCalls) expect(fingerprintsIn(c.args.blocks)).toContain(launch.fingerprint);
    await cluster.expectEveryPostClaimed();

    // Synced again with nothing changed: nothing is sent.
    const after = cluster.slack.calls.length;
    expect((await cluster.api("/api/sources/mkt-plan/sync")).status).toBe(200);
    await cluster.settled("the unchanged sync");
    expect(cluster.slack.calls.length).toBe(after);
  });
});
