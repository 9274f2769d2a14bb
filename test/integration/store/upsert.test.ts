import { describe, expect, it } from "vitest";
import { z } from "zod";
import { TRACKED_FIELDS } from "../../../src/model/index.js";
import { LIST_FIELDS, SCALAR_FIELDS } from "../../../src/store/action-writer.js";
import { count, freshStore, rawRows, rec, SRC, totalChanges } from "./helpers.js";

const T1 = "2026-01-05T10:00:00.000Z";
const T2 = "2026-01-06T10:00:00.000Z";
const T3 = "2026-01-07T10:00:00.000Z";

const DepRows = z.array(
  z.object({ position: z.number(), ref: z.string(), type: z.string(), lag_days: z.number() }),
);

describe("upsertActions", () => {
  it("covers every tracked field in its change detection", () => {
    expect([...SCALAR_FIELDS, ...LIST_FIELDS, "removedAt"].sort()).toEqual([...TRACKED_FIELDS].sort());
  });

  it("dates a change by the tool's own modification time, and by the sync when that time cannot be right", async () => {
    const { store } = await freshStore();
    await store.actions.upsert(
      SRC,
      [rec("PAY-1", { due: "2026-02-20", sourceUpdatedAt: "2026-01-02T09:00:00+01:00" })],
      T1,
    );
    // Changed in the tool on 6 Jan at 09:30 Paris time, read on 7 Jan.
    await store.actions.upsert(
      SRC,
      [rec("PAY-1", { due: "2026-04-03", sourceUpdatedAt: "2026-01-06T09:30:00+01:00" })],
      T3,
    );
    // A tool clock ahead of ours: the sync time.
    await store.actions.upsert(
      SRC,
      [rec("PAY-1", { due: "2026-04-10", sourceUpdatedAt: "2027-01-01T00:00:00Z" })],
      T3,
    );
    // A tool time older than the stored version's: the sync time.
    await store.actions.upsert(
      SRC,
      [rec("PAY-1", { due: "2026-04-17", sourceUpdatedAt: "2026-01-01T00:00:00Z" })],
      T3,
    );
    const dues = (await store.actions.history("jira-eng:PAY-1")).filter((e) => e.field === "due");
    expect(dues.map((e) => [e.to, e.at])).toEqual([
      ['"2026-04-03"', "2026-01-06T08:30:00.000Z"],
      ['"2026-04-10"', T3],
      ['"2026-04-17"', T3],
    ]);
  });

  it("counts inserted, updated and unchanged records", async () => {
    const { store } = await freshStore();
    const first = await store.actions.upsert(SRC, [rec("PAY-1"), rec("PAY-2")], T1);
    expect(first).toEqual({ inserted: ["jira-eng:PAY-1", "jira-eng:PAY-2"], updated: [], unchanged: 0 });

    const second = await store.actions.upsert(
      SRC,
      [rec("PAY-1"), rec("PAY-2", { title: "Renamed" }), rec("PAY-3")],
      T2,
    );
    expect(second).toEqual({ inserted: ["jira-eng:PAY-3"], updated: ["jira-eng:PAY-2"], unchanged: 1 });
    expect(await count(store, "actions")).toBe(3);
  });

  it("stores every canonical field and reads it back as an Action", async () => {
    const { store } = await freshStore();
    const r = rec("PAY-142", {
      url: "https://acme.atlassian.net/browse/PAY-142",
      ownerRaw: "alice@acme.test",
      team: "Engineering",
      businessUnit: "Payments",
      program: "Launch",
      mirrors: ["mkt:MKT-7"],
      dependsOn: [{ ref: "PAY-100", type: "SS", lagDays: 3 }],
      sourceUpdatedAt: "2026-01-04T08:00:00.000+01:00",
    });
    await store.actions.upsert(SRC, [r], T1);
    const a = await store.actions.get("jira-eng:PAY-142");
    expect(a).toEqual({
      ...r,
      id: "jira-eng:PAY-142",
      source: SRC,
      owner: null,
      baselineDue: "2026-02-20",
      syncedAt: T1,
      contentHash: expect.any(String),
      removedAt: null,
    });
    expect(await store.actions.history("jira-eng:PAY-142")).toEqual([
      { actionId: "jira-eng:PAY-142", field: "created", from: null, to: null, at: T1, source: "jira-eng" },
    ]);
  });

  it("writes one history event per changed field, with JSON from/to and the source", async () => {
    const { store } = await freshStore();
    await store.actions.upsert(SRC, [rec("PAY-1")], T1);
    await store.actions.upsert(
      SRC,
      [
        rec("PAY-1", {
          due: "2026-04-03",
          status: "in_progress",
          kpis: ["KPI-1", "KPI-2"],
          team: "Platform",
        }),
      ],
      T2,
    );
    const events = (await store.actions.history("jira-eng:PAY-1")).slice(1);
    expect(events.map((e) => e.field).sort()).toEqual(["due", "kpis", "status", "team"]);
    const byField = new Map(events.map((e) => [e.field, e]));
    expect(byField.get("due")).toMatchObject({
      from: '"2026-02-20"',
      to: '"2026-04-03"',
      at: T2,
      source: "jira-eng",
    });
    expect(byField.get("team")).toMatchObject({ from: "null", to: '"Platform"' });
    expect(byField.get("kpis")).toMatchObject({ from: '["KPI-1"]', to: '["KPI-1","KPI-2"]' });
  });

  it("writes nothing at all for an unchanged record, not even synced_at", async () => {
    const { store } = await freshStore();
    const records = [rec("PAY-1"), rec("PAY-2", { dependsOn: [{ ref: "PAY-1", type: "FS", lagDays: 0 }] })];
    await store.actions.upsert(SRC, records, T1);
    const before = await totalChanges(store);
    const events = await count(store, "action_events");

    // Rebuilt objects with a different key order must hash the same.
    const again = records.map((r) => ({
      ...r,
      dependsOn: r.dependsOn.map((d) => ({ lagDays: d.lagDays, type: d.type, ref: d.ref })),
    }));
    const res = await store.actions.upsert(SRC, again, T2);

    expect(res).toEqual({ inserted: [], updated: [], unchanged: 2 });
    expect((await totalChanges(store)) - before).toBe(0);
    expect(await count(store, "action_events")).toBe(events);
    expect((await store.actions.get("jira-eng:PAY-1"))?.syncedAt).toBe(T1);
  });

  it("updates the row without history when only sourceUpdatedAt moved", async () => {
    const { store } = await freshStore();
    await store.actions.upsert(SRC, [rec("PAY-1")], T1);
    const res = await store.actions.upsert(
      SRC,
      [rec("PAY-1", { sourceUpdatedAt: "2026-01-06T09:00:00Z" })],
      T2,
    );
    expect(res.updated).toEqual(["jira-eng:PAY-1"]);
    expect((await store.actions.get("jira-eng:PAY-1"))?.sourceUpdatedAt).toBe("2026-01-06T09:00:00Z");
    expect((await store.actions.history("jira-eng:PAY-1")).map((e) => e.field)).toEqual(["created"]);
  });

  it("keeps the first due date seen as baselineDue after the due date moves", async () => {
    const { store } = await freshStore();
    await store.actions.upsert(SRC, [rec("PAY-1", { due: null })], T1);
    expect((await store.actions.get("jira-eng:PAY-1"))?.baselineDue).toBeNull();
    await store.actions.upsert(SRC, [rec("PAY-1", { due: "2026-02-20" })], T2);
    await store.actions.upsert(SRC, [rec("PAY-1", { due: "2026-04-03" })], T3);
    const a = await store.actions.get("jira-eng:PAY-1");
    expect(a?.due).toBe("2026-04-03");
    expect(a?.baselineDue).toBe("2026-02-20");
  });

  it("rewrites the dependency edges only when dependsOn changes", async () => {
    const { store } = await freshStore();
    const deps = async (id: string) =>
      DepRows.parse(
        await rawRows(
          store,
          "select position, ref, type, lag_days from dependencies where action_id = ? order by position",
          id,
        ),
      );
    await store.actions.upsert(
      SRC,
      [rec("PAY-2", { dependsOn: [{ ref: "PAY-1", type: "FS", lagDays: 0 }] })],
      T1,
    );
    expect(await deps("jira-eng:PAY-2")).toEqual([{ position: 0, ref: "PAY-1", type: "FS", lag_days: 0 }]);

    await store.actions.upsert(
      SRC,
      [
        rec("PAY-2", {
          dependsOn: [
            { ref: "PAY-9", type: "FF", lagDays: -2 },
            { ref: "mkt:MKT-7", type: "SS", lagDays: 5 },
          ],
        }),
      ],
      T2,
    );
    expect(await deps("jira-eng:PAY-2")).toEqual([
      { position: 0, ref: "PAY-9", type: "FF", lag_days: -2 },
      { position: 1, ref: "mkt:MKT-7", type: "SS", lag_days: 5 },
    ]);
    const dependsOnEvent = (await store.actions.history("jira-eng:PAY-2")).find(
      (e) => e.field === "dependsOn",
    );
    expect(dependsOnEvent?.from).toBe('[{"ref":"PAY-1","type":"FS","lagDays":0}]');
  });

  it("compares a key repeated in one page with what its first occurrence wrote", async () => {
    const { store } = await freshStore();
    const res = await store.actions.upsert(
      SRC,
      [rec("PAY-1"), rec("PAY-1", { title: "Second" }), rec("PAY-1", { title: "Second" })],
      T1,
    );
    expect(res).toEqual({ inserted: ["jira-eng:PAY-1"], updated: ["jira-eng:PAY-1"], unchanged: 1 });
    expect((await store.actions.get("jira-eng:PAY-1"))?.title).toBe("Second");
  });

  it("keeps instances apart: the same native key in two tools is two actions", async () => {
    const { store } = await freshStore();
    await store.actions.upsert(SRC, [rec("X-1")], T1);
    await store.actions.upsert(
      { kind: "sheets", instance: "mkt-plan" },
      [rec("X-1", { title: "Sheet row" })],
      T1,
    );
    expect((await store.actions.list()).map((a) => [a.id, a.title])).toEqual([
      ["jira-eng:X-1", "Work X-1"],
      ["mkt-plan:X-1", "Sheet row"],
    ]);
  });

  it("uses the given origin as the history source (a write-back, a Slack user)", async () => {
    const { store } = await freshStore();
    await store.actions.upsert(SRC, [rec("PAY-1")], T1);
    await store.actions.upsert(SRC, [rec("PAY-1", { due: "2026-03-01" })], T2, "slack:U123");
    expect((await store.actions.history("jira-eng:PAY-1")).at(-1)).toMatchObject({
      field: "due",
      source: "slack:U123",
    });
  });
});

describe("softDelete and restore", () => {
  it("soft-deletes with a history event, hides the action, and restores it when the key comes back", async () => {
    const { store } = await freshStore();
    await store.actions.upsert(SRC, [rec("PAY-1"), rec("PAY-2")], T1);
    expect(await store.actions.softDelete("jira-eng", ["PAY-1", "PAY-404"], T2)).toEqual(["jira-eng:PAY-1"]);
    expect(await store.actions.softDelete("jira-eng", ["PAY-1"], T3)).toEqual([]); // already removed: no second event
    expect(await store.sync.activeKeys("jira-eng")).toEqual(["PAY-2"]);
    expect((await store.actions.list()).map((a) => a.id)).toEqual(["jira-eng:PAY-2"]);
    expect(
      (await store.actions.list({ includeRemoved: true })).find((a) => a.id === "jira-eng:PAY-1")?.removedAt,
    ).toBe(T2);

    const res = await store.actions.upsert(SRC, [rec("PAY-1")], T3);
    expect(res.updated).toEqual(["jira-eng:PAY-1"]);
    expect((await store.actions.get("jira-eng:PAY-1"))?.removedAt).toBeNull();
    expect((await store.actions.history("jira-eng:PAY-1")).map((e) => [e.field, e.from, e.to])).toEqual([
      ["created", null, null],
      ["removedAt", "null", JSON.stringify(T2)],
      ["removedAt", JSON.stringify(T2), "null"],
    ]);
  });
});

describe("setOwners", () => {
  it("sets resolved owners and does not rewrite an owner that did not change", async () => {
    const { store } = await freshStore();
    await store.actions.upsert(SRC, [rec("PAY-1"), rec("PAY-2")], T1);
    expect(
      await store.actions.setOwners([
        ["jira-eng:PAY-1", "alice"],
        ["jira-eng:PAY-2", null],
      ]),
    ).toBe(1);
    expect(await store.actions.setOwners(new Map([["jira-eng:PAY-1", "alice"]]))).toBe(0);
    expect((await store.actions.get("jira-eng:PAY-1"))?.owner).toBe("alice");
    // A sync of the same record leaves the resolved owner alone.
    await store.actions.upsert(SRC, [rec("PAY-1", { title: "New title" })], T2);
    expect((await store.actions.get("jira-eng:PAY-1"))?.owner).toBe("alice");
  });
});
