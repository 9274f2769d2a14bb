import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { reconcile } from "../../../src/reconcile/index.js";
import {
  ActionDetailSchema,
  ActionPageSchema,
  ConflictDetailSchema,
  ConflictPageSchema,
  ErrorBodySchema,
  KpiReportSchema,
} from "../../../src/web/api/schemas.js";
import {
  bearer,
  body,
  call,
  type DemoWeb,
  type DemoWorkspace,
  demoWorkspace,
  startDemoWeb,
} from "./web-harness.js";

let ws: DemoWorkspace;
let web: DemoWeb;

beforeAll(async () => {
  ws = await demoWorkspace();
  web = await startDemoWeb(ws);
}, 60_000);

afterAll(async () => {
  await web?.close();
  ws?.remove();
});

/** GET with the admin token; the body must match the schema the OpenAPI document publishes. */
async function get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
  const res = await call(`${web.url}${path}`, { headers: bearer });
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return body(res, schema);
}

type Item = z.output<typeof ConflictPageSchema>["items"][number];

describe("conflicts API", () => {
  it("lists the demo's schedule conflict PAY-142 → QA-9 → MKT-7 first, largest value at risk first", async () => {
    const page = await get("/api/conflicts", ConflictPageSchema);
    const campaign = page.items.find((c) => c.fingerprint === "schedule|mkt-plan:MKT-7");
    expect(campaign).toMatchObject({
      type: "schedule",
      severity: "critical",
      path: ["jira-eng:PAY-142", "mail-actions:QA-9", "mkt-plan:MKT-7"],
      teams: ["Marketing"],
      daysShort: 42,
      valueAtRisk: 168_000 + 72_500,
    });
    const values = page.items.map((c) => c.valueAtRisk);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(page.items[0]!.fingerprint).toBe("schedule|mkt-plan:MKT-7");
    // The demo reconciled on 12 Jan 2026: every figure here is as of that day, whatever the clock says.
    expect(page.asOf?.day).toBe("2026-01-12");
    expect(page.asOf?.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("filters by team, business unit, KPI, type and severity", async () => {
    const all = await get("/api/conflicts?limit=200", ConflictPageSchema);
    const cases: [string, (c: Item) => boolean][] = [
      ["team=Marketing", (c) => c.teams.includes("Marketing")],
      ["businessUnit=Risk", (c) => c.businessUnits.includes("Risk")],
      ["kpi=merchant-activation", (c) => c.kpis.includes("merchant-activation")],
      ["type=ownership_vacuum", (c) => c.type === "ownership_vacuum"],
      ["severity=info", (c) => c.severity === "info"],
    ];
    for (const [query, keep] of cases) {
      const page = await get(`/api/conflicts?${query}&limit=200`, ConflictPageSchema);
      const expected = all.items.filter(keep).map((c) => c.fingerprint);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(expected.length, query).toBeLessThan(all.total);
      expect(
        page.items.map((c) => c.fingerprint),
        query,
      ).toEqual(expected);
    }
  });

  it("refuses a filter value that is not a type, naming the parameter", async () => {
    const res = await call(`${web.url}/api/conflicts?type=bogus`, { headers: bearer });
    expect(res.status).toBe(400);
    expect((await body(res, ErrorBodySchema)).message).toMatch(/type/);
  });

  it("opens a conflict to its path with owners and the alerts the demo sent", async () => {
    const d = await get(
      `/api/conflicts/${encodeURIComponent("schedule|mkt-plan:MKT-7")}`,
      ConflictDetailSchema,
    );
    expect(d.asOf?.day).toBe("2026-01-12");
    expect(d.path.map((s) => [s.id, s.role, s.ownerName])).toEqual([
      ["jira-eng:PAY-142", "root_cause", "Priya Raman"],
      ["mail-actions:QA-9", "dependency", "Tomasz Nowak"],
      ["mkt-plan:MKT-7", "action", "Camille Durand"],
    ]);
    expect(d.path[0]?.action?.due).toBe("2026-04-03");
    // QA's due as the 8 Jan reply moved it.
    expect(d.path[1]?.action?.due).toBe("2026-03-10");
    expect(d.alerts.map((a) => a.recipientName)).toEqual(
      expect.arrayContaining(["Camille Durand", "Tomasz Nowak", "Priya Raman"]),
    );
    expect(d.alerts.every((a) => a.status === "sent")).toBe(true);
  });

  it("says who must act and what they wait on, and groups the conflicts one slip causes", async () => {
    const page = await get("/api/conflicts", ConflictPageSchema);
    const campaign = page.items.find((c) => c.fingerprint === "schedule|mkt-plan:MKT-7");
    expect(campaign?.ownerName).toBe("Camille Durand");
    expect(campaign?.waitingOn).toMatchObject({ id: "jira-eng:PAY-142" });
    expect(campaign?.waitingOn?.title).toBeTruthy();
    expect(campaign?.pathRefs.map((r) => r.id)).toEqual(campaign?.path);
    expect(campaign?.pathRefs.every((r) => r.title !== null)).toBe(true);

    // Every conflict with a root cause is counted under it, once; groups are ordered by value at risk.
    const withRoot = page.items.filter((c) => c.rootCauseId !== null);
    expect(page.rootCauses.reduce((n, g) => n + g.conflicts, 0)).toBe(withRoot.length);
    const [first] = page.rootCauses;
    expect(first?.rootCause.id).toBe("jira-eng:PAY-142");
    const caused = withRoot.filter((c) => c.rootCauseId === "jira-eng:PAY-142");
    expect(caused.length).toBeGreaterThan(1);
    expect(first?.conflicts).toBe(caused.length);
    // Each KPI once: the seven conflicts put three KPIs at risk, not seven times theirs.
    const perKpi = new Map(caused.flatMap((c) => c.kpiImpact.map((i) => [i.key, i.valueAtRisk] as const)));
    expect(perKpi.size).toBe(3);
    expect(first?.valueAtRisk).toBe([...perKpi.values()].reduce((n, v) => n + v, 0));
    expect(first?.valueAtRisk).toBe(306_500);
    expect(first?.owners).toContain("Camille Durand");
    const values = page.rootCauses.map((g) => g.valueAtRisk);
    expect(values).toEqual([...values].sort((a, b) => b - a));

    // The root cause's own page lists the same conflicts, with who must act on each.
    const root = await get(`/api/actions/${encodeURIComponent("jira-eng:PAY-142")}`, ActionDetailSchema);
    expect(root.causes.map((c) => c.fingerprint).sort()).toEqual(caused.map((c) => c.fingerprint).sort());
    expect(root.causes.find((c) => c.fingerprint === "schedule|mkt-plan:MKT-7")?.ownerName).toBe(
      "Camille Durand",
    );
  });

  it("answers 404 for an unknown conflict", async () => {
    const res = await call(`${web.url}/api/conflicts/${encodeURIComponent("schedule|nope:X-1")}`, {
      headers: bearer,
    });
    expect(res.status).toBe(404);
  });
});

describe("actions API", () => {
  it("paginates a search: pages are disjoint, ordered by id and add up to the total", async () => {
    const all = await get("/api/actions?limit=200", ActionPageSchema);
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(8);
    const ids: string[] = [];
    for (let offset = 0; offset < all.total; offset += 4) {
      const page = await get(`/api/actions?limit=4&offset=${offset}`, ActionPageSchema);
      expect(page.total).toBe(all.total);
      expect(page.items.length).toBe(Math.min(4, all.total - offset));
      ids.push(...page.items.map((a) => a.id));
    }
    expect(ids).toEqual(all.items.map((a) => a.id));
    expect(ids).toEqual([...ids].sort());
    expect((await get(`/api/actions?limit=4&offset=${all.total}`, ActionPageSchema)).items).toEqual([]);
  });

  it("searches id, title and owner text across tools, case-insensitively", async () => {
    const byKey = await get("/api/actions?q=pay-142", ActionPageSchema);
    expect(byKey.items.map((a) => a.id)).toContain("jira-eng:PAY-142");
    const byOwner = await get("/api/actions?q=camille", ActionPageSchema);
    expect(byOwner.items.map((a) => a.id)).toEqual(["mkt-plan:MKT-7"]);
    const bySource = await get("/api/actions?source=mkt-plan", ActionPageSchema);
    expect(bySource.items.every((a) => a.id.startsWith("mkt-plan:"))).toBe(true);
    // LIKE wildcards typed by the user are literal.
    expect((await get("/api/actions?q=%25", ActionPageSchema)).total).toBe(0);
  });

  it("shows an action's history and both directions of its dependencies", async () => {
    const d = await get(`/api/actions/${encodeURIComponent("jira-eng:PAY-142")}`, ActionDetailSchema);
    expect(d.history).toContainEqual(
      expect.objectContaining({ field: "due", from: '"2026-02-20"', to: '"2026-04-03"' }),
    );
    const dependents = d.dependedOnBy.map((x) => [x.action.id, x.type, x.lagDays]);
    expect(dependents).toContainEqual(["mail-actions:QA-9", "FS", 0]);
    expect(dependents).toContainEqual(["demo-plan:LEGAL-3", "FF", 5]);
    const campaign = await get(`/api/actions/${encodeURIComponent("mkt-plan:MKT-7")}`, ActionDetailSchema);
    expect(campaign.dependsOn).toEqual([
      expect.objectContaining({
        ref: "QA-9",
        resolution: "resolved",
        actions: [expect.objectContaining({ id: "mail-actions:QA-9" })],
      }),
    ]);
  });
});

describe("KPIs API", () => {
  it("rolls up the stored conflicts exactly as the reconciler does", async () => {
    const report = await get("/api/kpis", KpiReportSchema);
    const { store } = web.ctx;
    const expected = reconcile({
      actions: await store.actions.list(),
      directory: await store.directory.load(),
      kpis: await store.directory.loadKpis(),
      today: "2026-01-12",
      overrides: await store.conflicts.overrides(),
    }).rollups;
    expect(report.rollups).toEqual(expected);
    expect(report.asOf?.day).toBe("2026-01-12");
    // The line over time is the recorded totals (each KPI once), ending on today's figure.
    expect(report.series[0]).toEqual({ at: "2026-01-12T12:00:00.000Z", valueAtRisk: 306_500 });
    expect(report.series.at(-1)?.valueAtRisk).toBe(report.rollups.total.valueAtRisk);
    const served = report.objectives.flatMap((o) => o.kpis).find((k) => k.key === "arr-payouts");
    const expectedServing = (await store.actions.list()).filter((a) => a.kpis.includes("arr-payouts")).length;
    expect(served?.actions).toBe(expectedServing);
  });
});

describe("OpenAPI", () => {
  it("is an OpenAPI 3.1 document whose every $ref resolves and which covers the routes", async () => {
    const doc = await get(
      "/api/openapi.json",
      z.object({
        openapi: z.string(),
        paths: z.record(z.string(), z.unknown()),
        components: z.object({ schemas: z.record(z.string(), z.unknown()) }),
      }),
    );
    expect(doc.openapi).toBe("3.1.0");
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) {
      const name = /^#\/components\/schemas\/(.+)$/.exec(r)?.[1];
      expect(name && doc.components.schemas[name], r).toBeTruthy();
    }
    for (const path of [
      "/api/conflicts",
      "/api/kpis",
      "/api/actions",
      "/api/actions/{id}",
      "/api/sources",
      "/api/mappings/preview",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
