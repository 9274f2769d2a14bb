import { describe, expect, it } from "vitest";
import type { ActionRecord, Source } from "../../../src/model/index.js";
import { reconcile } from "../../../src/reconcile/index.js";
import type { Store } from "../../../src/store/index.js";
import { actionPage } from "../../../src/web/pages/action-page.js";
import { actionDetail } from "../../../src/web/queries/actions-query.js";
import { freshStore, rec } from "./helpers.js";

// The admin's "what it waits for" and "what waits for it" against the reconciler's edges, on the store the
// admin reads (both adapters): tried the way a new user writes refs in their tools.
const T1 = "2026-01-05T10:00:00.000Z";
const ENG: Source = { kind: "jira", instance: "jira-eng" };
const OPS: Source = { kind: "jira", instance: "jira-ops" };
const MAIL: Source = { kind: "email", instance: "mail-actions" };
const PLAN: Source = { kind: "sheets", instance: "plan" };

const dep = (ref: string, type: "FS" | "FF" = "FS", lagDays = 0) => ({ ref, type, lagDays });

async function seed(): Promise<Store> {
  const { store } = await freshStore();
  const put = (source: Source, records: ActionRecord[]) => store.actions.upsert(source, records, T1);
  await put(ENG, [
    rec("PAY-1", { url: "https://eng.atlassian.net/browse/PAY-1" }),
    rec("PAY-2", { url: "https://eng.atlassian.net/browse/PAY-2" }),
  ]);
  await put(OPS, [rec("PAY-1", { url: "https://ops.atlassian.net/browse/PAY-1" })]);
  await put(MAIL, [rec("QA-9")]);
  await put(PLAN, [
    // A browse URL whose host picks one of the two PAY-1s.
    rec("R1", { dependsOn: [dep("https://eng.atlassian.net/browse/PAY-1")] }),
    // A key written in lower case.
    rec("R2", { dependsOn: [dep("qa-9", "FF", 5)] }),
    // A bare key two instances share: ambiguous, no edge.
    rec("R3", { dependsOn: [dep("PAY-1")] }),
    // A hub id, a key nobody has, and a text that merely contains PAY-2.
    rec("R4", { dependsOn: [dep("jira-eng:PAY-2"), dep("NOPE-404"), dep("XPAY-22")] }),
    // Overridden by an admin: shown, marked ignored, and absent from the reconciler's edges.
    rec("R5", { dependsOn: [dep("PAY-2")] }),
  ]);
  await store.conflicts.addOverride({
    dependentId: "plan:R5",
    dependencyId: "jira-eng:PAY-2",
    by: "web:admin",
    at: T1,
  });
  return store;
}

async function detail(store: Store, id: string) {
  const d = await actionDetail(store, id);
  if (d === null) throw new Error(`no action ${id}`);
  return d;
}

describe("the admin resolves refs as the reconciler does", () => {
  it("follows a browse URL to the instance its host names, and a key in any case", async () => {
    const store = await seed();
    const r1 = await detail(store, "plan:R1");
    expect(r1.dependsOn.map((d) => [d.resolution, d.actions.map((a) => a.id)])).toEqual([
      ["resolved", ["jira-eng:PAY-1"]],
    ]);
    const qa = await detail(store, "mail-actions:QA-9");
    expect(qa.dependedOnBy.map((x) => [x.action.id, x.ref, x.type, x.lagDays, x.ambiguous])).toEqual([
      ["plan:R2", "qa-9", "FF", 5, false],
    ]);
  });

  it("lists an ambiguous ref under every action it could mean, and nowhere as an edge", async () => {
    const store = await seed();
    const r3 = await detail(store, "plan:R3");
    expect(r3.dependsOn[0]).toMatchObject({ resolution: "ambiguous" });
    expect(r3.dependsOn[0]?.actions.map((a) => a.id)).toEqual(["jira-eng:PAY-1", "jira-ops:PAY-1"]);
    const eng = await detail(store, "jira-eng:PAY-1");
    const ops = await detail(store, "jira-ops:PAY-1");
    expect(eng.dependedOnBy.map((x) => [x.action.id, x.ambiguous])).toEqual([
      ["plan:R1", false],
      ["plan:R3", true],
    ]);
    expect(ops.dependedOnBy.map((x) => [x.action.id, x.ambiguous])).toEqual([["plan:R3", true]]);
  });

  it("tells dangling from resolved and does not match a text that only contains the key", async () => {
    const store = await seed();
    const r4 = await detail(store, "plan:R4");
    expect(r4.dependsOn.map((d) => [d.ref, d.resolution])).toEqual([
      ["jira-eng:PAY-2", "resolved"],
      ["NOPE-404", "dangling"],
      ["XPAY-22", "dangling"],
    ]);
    const pay2 = await detail(store, "jira-eng:PAY-2");
    expect(pay2.dependedOnBy.map((x) => [x.action.id, x.ref, x.ignored])).toEqual([
      ["plan:R4", "jira-eng:PAY-2", false],
      ["plan:R5", "PAY-2", true],
    ]);
  });

  it("shows exactly the reconciler's edges for every action", async () => {
    const store = await seed();
    const actions = await store.actions.list();
    const result = reconcile({
      actions,
      directory: await store.directory.load(),
      kpis: [],
      today: "2026-01-05",
      overrides: await store.conflicts.overrides(),
    });
    const reconciler = result.edges.map((e) => `${e.dependentId} <- ${e.dependencyId} (${e.ref})`).sort();
    const fromDependsOn: string[] = [];
    const fromDependedOnBy: string[] = [];
    for (const a of actions) {
      const d = await detail(store, a.id);
      for (const link of d.dependsOn) {
        if (link.resolution === "resolved" && !link.ignored)
          fromDependsOn.push(`${a.id} <- ${link.actions[0]?.id} (${link.ref})`);
      }
      for (const x of d.dependedOnBy) {
        if (!x.ambiguous && !x.ignored) fromDependedOnBy.push(`${x.action.id} <- ${a.id} (${x.ref})`);
      }
    }
    expect(reconciler).toHaveLength(3);
    expect(fromDependsOn.sort()).toEqual(reconciler);
    expect(fromDependedOnBy.sort()).toEqual(reconciler);
  });

  it("drops an action that left its tool from both sides", async () => {
    const store = await seed();
    await store.actions.softDelete("jira-ops", ["PAY-1"], T1);
    const r3 = await detail(store, "plan:R3");
    expect(r3.dependsOn.map((d) => [d.resolution, d.actions.map((a) => a.id)])).toEqual([
      ["resolved", ["jira-eng:PAY-1"]],
    ]);
    await store.actions.softDelete("plan", ["R1", "R3"], T1);
    expect((await detail(store, "jira-eng:PAY-1")).dependedOnBy).toEqual([]);
  });

  it("offers the actions a dangling ref is the title of, live ones only, ignoring case and spaces", async () => {
    const store = await seed();
    await store.actions.upsert(
      MAIL,
      [
        rec("QA-10", { title: "Payout Reconciliation Report" }),
        rec("QA-11", { title: "Payout reconciliation report " }),
        rec("QA-12", { title: "Payout reconciliation report v2" }),
      ],
      T1,
    );
    await store.actions.upsert(PLAN, [rec("R6", { dependsOn: [dep("  payout reconciliation report")] })], T1);
    const r6 = await detail(store, "plan:R6");
    expect(r6.dependsOn.map((d) => [d.resolution, d.didYouMean.map((a) => a.id)])).toEqual([
      ["dangling", ["mail-actions:QA-10", "mail-actions:QA-11"]],
    ]);
    // The action page says so, linking the candidates.
    const page = actionPage(r6, "EUR", "csrf-token").toString();
    expect(page).toContain("matches nothing");
    expect(page).toMatch(
      /Did you mean <a href="\/actions\/mail-actions%3AQA-10">Payout Reconciliation Report<\/a>/,
    );
    await store.actions.softDelete("mail-actions", ["QA-10"], T1);
    expect((await detail(store, "plan:R6")).dependsOn[0]?.didYouMean.map((a) => a.id)).toEqual([
      "mail-actions:QA-11",
    ]);
    // A ref that resolves, or matches no title, offers nothing.
    const r4 = await detail(store, "plan:R4");
    expect(r4.dependsOn.map((d) => d.didYouMean.length)).toEqual([0, 0, 0]);
  });
});
