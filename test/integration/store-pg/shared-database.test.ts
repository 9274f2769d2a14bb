import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { ActionRecord, Source } from "../../../src/model/index.js";
import { openStore, type Store } from "../../../src/store/index.js";
import { dropSchema, PG_TEST_URL, pgQuery, randomSchema } from "../../support/pg-test-db.js";
import { conflict, rec } from "../store/helpers.js";

// Several processes on several machines share one PostgreSQL: here each is a store with its own pool on the
// same schema, which is what two `worker` processes are to the database.
const T1 = "2026-01-05T10:00:00.000Z";
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function sharedSchema(processes: number): Promise<{ schema: string; stores: Store[] }> {
  const schema = randomSchema();
  cleanups.push(() => dropSchema(schema));
  // Opened at the same time: both run the migrator, the advisory lock lets one apply and the other find it done.
  // The schema's name as application_name lets a test find its own sessions and no one else's.
  const stores = await Promise.all(
    Array.from({ length: processes }, () =>
      openStore(PG_TEST_URL, { schema, poolSize: 4, applicationName: schema }),
    ),
  );
  for (const s of stores) cleanups.push(() => s.close());
  return { schema, stores };
}

function page(source: Source, records: ActionRecord[], cursor: unknown) {
  return { source, records, quarantined: [], removedKeys: [], people: [], kpis: [], cursor, now: T1 };
}

const keys = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

describe("one PostgreSQL shared by several processes", () => {
  it("applies the migrations once when processes start together", async () => {
    const { schema } = await sharedSchema(3);
    const rows = await pgQuery(schema, "select count(*)::int as n from __drizzle_migrations");
    const journal = JSON.parse(readFileSync("drizzle-pg/meta/_journal.json", "utf8")) as {
      entries: unknown[];
    };
    expect(rows).toEqual([{ n: journal.entries.length }]);
  });

  it("syncs different instances at once, and pages of one instance one after the other", async () => {
    const { stores } = await sharedSchema(2);
    const [a, b] = stores as [Store, Store];
    const jira = { kind: "jira", instance: "jira-eng" };
    const sheet = { kind: "sheets", instance: "mkt-plan" };
    await Promise.all([
      ...keys("J", 5).map((k, i) => a.sync.commitPage(page(jira, [rec(k)], { page: i }))),
      ...keys("M", 5).map((k, i) => b.sync.commitPage(page(sheet, [rec(k)], { page: i }))),
      // The same instance from the other process: waits for the instance's lock, then lands whole.
      b.sync.commitPage(
        page(
          jira,
          keys("X", 50).map((k) => rec(k)),
          { page: 99 },
        ),
      ),
    ]);
    expect(await a.sync.activeKeys("jira-eng")).toHaveLength(55);
    expect(await b.sync.activeKeys("mkt-plan")).toEqual(keys("M", 5).sort());
    const history = await b.actions.history("jira-eng:X-50");
    expect(history.map((e) => e.field)).toEqual(["created"]);
  });

  it("claims an alert once however many processes try at the same time", async () => {
    const { stores } = await sharedSchema(3);
    const entry = {
      fingerprint: "schedule:a",
      recipient: "slack-dm:U1",
      changeKey: "c1",
      channel: "slack",
      status: "pending" as const,
      sentAt: T1,
    };
    const claims = await Promise.all(
      stores.flatMap((s) => Array.from({ length: 5 }, () => s.alerts.record(entry))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await stores[0]?.alerts.entriesFor(["schedule:a"])).toHaveLength(1);
  });

  it("never interleaves two reconciles: the second diffs against what the first stored", async () => {
    const { stores } = await sharedSchema(2);
    const detected = keys("schedule:x", 20).map((f) => conflict(f));
    const [first, second] = await Promise.all(stores.map((s) => s.conflicts.apply(detected, T1)));
    const opened = [first?.opened.length, second?.opened.length].sort();
    expect(opened).toEqual([0, 20]);
    expect([first?.unchanged, second?.unchanged].sort()).toEqual([0, 20]);
  });
});

describe("PostgreSQL going away and coming back", () => {
  it("keeps working after its connections are terminated, and a page is whole or absent", async () => {
    const { schema, stores } = await sharedSchema(1);
    const store = stores[0] as Store;
    const jira = { kind: "jira", instance: "jira-eng" };
    await store.sync.commitPage(page(jira, [rec("PAY-1")], { page: 1 }));
    // What a database restart does to every open session of this test's store (and of nothing else).
    const killed = await pgQuery(
      "public",
      "select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1",
      [schema],
    );
    expect(killed.length).toBeGreaterThan(0);
    let attempts = 0;
    for (;;) {
      attempts += 1;
      try {
        await store.sync.commitPage(page(jira, [rec("PAY-2"), rec("PAY-3")], { page: 2 }));
        break;
      } catch (error) {
        // A queue job fails and is retried: the same here, at most once.
        if (attempts > 1) throw error;
      }
    }
    expect(await store.sync.activeKeys("jira-eng")).toEqual(["PAY-1", "PAY-2", "PAY-3"]);
    expect(await store.sync.readCursor("jira-eng")).toEqual({ page: 2 });
    const events = await pgQuery(schema, "select count(*)::int as n from action_events");
    expect(events).toEqual([{ n: 3 }]);
  });

  it("names the host it cannot reach, never the password, and gives up", async () => {
    const url = "postgres://sightline:s3cret-pw@127.0.0.1:1/sightline";
    const error = await openStore(url).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "store_open_failed" });
    expect(String((error as Error).message)).toContain("127.0.0.1:1");
    expect(String((error as Error).message)).not.toContain("s3cret-pw");
  });
});
