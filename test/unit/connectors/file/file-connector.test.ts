import { describe, expect, it } from "vitest";
import { FileConnectorError, type FileReader } from "../../../../connectors/file/client.js";
import { FileConnector } from "../../../../connectors/file/connector.js";
import type { SyncPage } from "../../../../src/sync/contract.js";
import { runSync } from "../../../../src/sync/engine.js";
import { SyncError } from "../../../../src/sync/errors.js";
import { MemorySyncStore } from "../../sync/support/memory-store.js";

const now = () => "2026-01-12T09:00:00Z";

/** A reader over an in-memory file whose content a test can change between runs. */
function memoryFile(text: string) {
  const file = { text, reads: 0 };
  const reader: FileReader = async () => {
    file.reads += 1;
    return file.text;
  };
  return { file, reader };
}

function connector(text: string, pageSize = 500) {
  const { file, reader } = memoryFile(text);
  return {
    file,
    connector: new FileConnector({
      instance: "plan",
      path: "/x/plan.yaml",
      label: "plan.yaml",
      pageSize,
      reader,
    }),
  };
}

async function pages(c: FileConnector, cursor: unknown = null): Promise<SyncPage[]> {
  const out: SyncPage[] = [];
  for await (const p of c.pull(cursor)) out.push(p);
  return out;
}

const YAML_PLAN = `
actions:
  - key: PAY-142
    title: Backend API integration
    owner: priya@acmepay.example
    status: In progress
    start: 2025-12-01
    due: 2026-04-03
    kpis: [arr]
  - key: QA-9
    title: QA sign-off
    dependsOn: [PAY-142]
  - key: MKT-7
    title: Go-to-market campaign
    dependsOn:
      - { ref: QA-9, type: SS, lagDays: 3 }
people:
  - { id: priya, name: Priya Raman, emails: [priya@acmepay.example] }
kpis:
  - { key: arr, name: ARR, objective: Grow, costOfDelayPerDay: 4000 }
`;

describe("file connector: mapping", () => {
  it("maps a YAML plan to canonical records, people and KPIs on the first page", async () => {
    const [page, ...rest] = await pages(connector(YAML_PLAN).connector);
    expect(rest).toEqual([]);
    expect(page?.snapshotComplete).toBe(true);
    expect(page?.people?.map((p) => p.id)).toEqual(["priya"]);
    expect(page?.kpis?.map((k) => k.key)).toEqual(["arr"]);
    const records = page?.items.map((i) => (i.kind === "record" ? i.record : i.reason));
    expect(records?.[0]).toMatchObject({
      nativeKey: "PAY-142",
      ownerRaw: "priya@acmepay.example",
      status: "in_progress",
      start: "2025-12-01",
      due: "2026-04-03",
      kpis: ["arr"],
    });
    expect(records?.[1]).toMatchObject({
      status: "todo",
      dependsOn: [{ ref: "PAY-142", type: "FS", lagDays: 0 }],
    });
    expect(records?.[2]).toMatchObject({ dependsOn: [{ ref: "QA-9", type: "SS", lagDays: 3 }] });
    expect(page?.items[2]?.origin).toEqual({ location: "plan.yaml actions[2]", nativeKey: "MKT-7" });
  });

  it("reads the same plan written as JSON", async () => {
    const json = JSON.stringify({
      actions: [
        { key: "PAY-142", title: "Backend API integration", due: "2026-04-03" },
        { key: 17, title: "Numeric key", dependsOn: [{ ref: "PAY-142", type: "FF", lagDays: 5 }] },
      ],
    });
    const store = new MemorySyncStore();
    const report = await runSync(connector(json).connector, store, { now });
    expect(report).toMatchObject({ inserted: 2, quarantined: 0 });
    expect(store.active("plan").get("17")?.dependsOn).toEqual([{ ref: "PAY-142", type: "FF", lagDays: 5 }]);
  });

  it("rejects one bad action with its location and field, and stores the good ones", async () => {
    const text = `
actions:
  - { key: A-1, title: Good one, due: 2026-02-20 }
  - { key: A-2, title: 42 }
  - { key: A-3, title: Typo, dueDate: 2026-02-20 }
  - { key: A-4, title: Impossible date, due: 31/02/2026 }
  - { key: A-5, title: Bad dependency, dependsOn: [{ ref: A-1, type: XS }] }
  - { key: A-6, title: Good too }
`;
    const store = new MemorySyncStore();
    const report = await runSync(connector(text).connector, store, { now });

    expect(report).toMatchObject({ inserted: 2, quarantined: 4, paused: null });
    expect([...store.active("plan").keys()]).toEqual(["A-1", "A-6"]);
    expect(store.quarantine.map((q) => [q.location, q.nativeKey, q.field, q.reason])).toEqual([
      ["plan.yaml actions[1]", "A-2", "title", "title: expected string, got 42"],
      ["plan.yaml actions[2]", "A-3", "dueDate", 'unknown field "dueDate" (check the spelling)'],
      ["plan.yaml actions[3]", "A-4", "due", 'due: expected a calendar date YYYY-MM-DD, got "31/02/2026"'],
      [
        "plan.yaml actions[4]",
        "A-5",
        "dependsOn[0].type",
        'dependsOn[0].type: expected one of FS, SS, FF, got "XS"',
      ],
    ]);
  });

  it("rejects a bad person or KPI at its place in the file", async () => {
    const text = `
actions: [{ key: A-1, title: One }]
people:
  - { id: ok, name: Ok }
  - { id: bad, name: Bad, emails: [nope] }
kpis:
  - { key: arr, objective: Grow }
`;
    const store = new MemorySyncStore();
    await runSync(connector(text).connector, store, { now });
    expect([...store.people.keys()]).toEqual(["ok"]);
    expect(store.quarantine.map((q) => [q.location, q.field])).toEqual([
      ["plan.yaml people[1]", "emails[0]"],
      ["plan.yaml kpis[0]", "name"],
    ]);
  });
});

describe("file connector: cursor and pages", () => {
  const plan = (n: number) =>
    `actions:\n${Array.from({ length: n }, (_, i) => `  - { key: K-${i + 1}, title: Action ${i + 1} }`).join("\n")}\n`;

  it("pages the file and marks only the last page complete", async () => {
    const result = await pages(connector(plan(5), 2).connector);
    expect(result.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(result.map((p) => p.snapshotComplete ?? false)).toEqual([false, false, true]);
    expect(result.map((p) => (p.cursor as { complete: boolean }).complete)).toEqual([false, false, true]);
  });

  it("yields one empty page with the same cursor for an unchanged file, so nothing is written", async () => {
    const { file, connector: c } = connector(plan(3));
    const store = new MemorySyncStore();
    await runSync(c, store, { now });
    const commits = store.commits.length;

    const report = await runSync(c, store, { now });

    expect(file.reads).toBe(2);
    expect(store.commits.length).toBe(commits);
    expect(report).toMatchObject({
      pages: 1,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      removed: 0,
      paused: null,
    });
    expect(store.active("plan").size).toBe(3);
  });

  it("updates what changed and soft-deletes what the file no longer lists", async () => {
    const { file, connector: c } = connector(plan(4));
    const store = new MemorySyncStore();
    await runSync(c, store, { now });
    file.text = plan(3).replace("title: Action 2", "title: Action two");

    const report = await runSync(c, store, { now });

    expect(report).toMatchObject({ updated: 1, unchanged: 2, removed: 1 });
    expect(report.changedIds.sort()).toEqual(["plan:K-2", "plan:K-4"]);
  });

  it("re-reads the whole file after a run that stopped between pages: no gaps, no duplicates", async () => {
    const { connector: c } = connector(plan(5), 2);
    const store = new MemorySyncStore();
    store.failCommit = (n) => n === 2;
    await expect(runSync(c, store, { now })).rejects.toMatchObject({ code: "store_failed" });
    expect(await store.readCursor("plan")).toMatchObject({ complete: false });

    store.failCommit = null;
    const report = await runSync(c, store, { now });

    expect(report).toMatchObject({ pages: 3, inserted: 3, unchanged: 2, removed: 0 });
    expect([...store.active("plan").keys()].sort()).toEqual(["K-1", "K-2", "K-3", "K-4", "K-5"]);
    expect(await store.readCursor("plan")).toMatchObject({ complete: true });
  });
});

describe("file connector: a file that cannot be used", () => {
  it("fails the sync on a syntax error, naming the line, and keeps what was stored", async () => {
    const { file, connector: c } = connector("actions:\n  - { key: A-1, title: One }\n");
    const store = new MemorySyncStore();
    await runSync(c, store, { now });
    file.text = "actions:\n  - { key: A-1, title: One\n  - key: A-2\n";

    const error = await runSync(c, store, { now }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ code: "connector_failed", causeCode: "file_invalid" });
    expect(String((error as Error).message)).toMatch(/plan\.yaml: line \d+, column \d+: /);
    expect(store.active("plan").size).toBe(1);
    expect(store.runs.at(-1)?.status).toBe("failed");
  });

  it("says what the outline should be when `actions` is missing, and reports it from check()", async () => {
    const c = connector("tasks:\n  - { key: A-1 }\n").connector;
    const error = await pages(c).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileConnectorError);
    expect(String((error as Error).message)).toContain("actions: missing (expected array)");
    expect(String((error as Error).message)).toContain('unknown field "tasks"');
    await expect(c.check()).resolves.toMatchObject({ ok: false });
    await expect(connector(YAML_PLAN).connector.check()).resolves.toEqual({
      ok: true,
      detail: "plan.yaml: 3 actions, 1 people, 1 KPIs",
    });
  });

  it("reports a missing file as unreadable", async () => {
    const c = new FileConnector({ instance: "plan", path: "/nonexistent/sightline/plan.yaml" });
    await expect(pages(c)).rejects.toMatchObject({ code: "file_unreadable" });
  });
});
