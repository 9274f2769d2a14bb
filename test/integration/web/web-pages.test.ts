import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  type DemoWeb,
  type DemoWorkspace,
  demoWorkspace,
  signIn,
  startDemoWeb,
} from "./web-harness.js";

let ws: DemoWorkspace;
let web: DemoWeb;
let session: string;

beforeAll(async () => {
  ws = await demoWorkspace();
  web = await startDemoWeb(ws);
  session = await signIn(web.url);
}, 60_000);

afterAll(async () => {
  await web?.close();
  ws?.remove();
});

async function page(path: string): Promise<string> {
  const res = await call(`${web.url}${path}`, { headers: { Cookie: session } });
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  return res.text();
}

describe("pages", () => {
  it("are small, responsive and have landmarks", async () => {
    for (const path of [
      "/conflicts",
      "/kpis",
      "/report",
      "/actions",
      "/sources",
      "/mapping",
      "/mapping?instance=mkt-plan",
    ]) {
      const html = await page(path);
      expect(Buffer.byteLength(html), path).toBeLessThan(50_000);
      expect(html, path).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html, path).toMatch(/<main id="main"/);
      expect(html, path).toMatch(/<nav aria-label="Main">/);
    }
  });

  it("list the demo's schedule conflict with its path, and open it to a timeline and the alert history", async () => {
    const list = await page("/conflicts");
    // Titles, not raw keys; who must act and what they wait on; the one slip behind seven conflicts.
    expect(list).toContain(
      "Backend API integration → QA sign-off for Instant Payouts → Go-to-market campaign",
    );
    expect(list).toContain('<td data-label="Who must act">Camille Durand</td>');
    expect(list).toMatch(/one slip, 7 conflicts, €306,500 at risk; waiting: Camille Durand, Hugo Martin/);
    expect(list).toContain('Figures as of <time datetime="2026-01-12">12 Jan 2026</time>');
    // The portfolio timeline: every action on the open conflicts' paths once, root cause first.
    const portfolio = /<svg class="chart wide"[\s\S]*?<\/svg>/.exec(list)?.[0] ?? "";
    const titles = [...portfolio.matchAll(/<g><text x="8" [^>]*class="lbl">([^<]+)<\/text>/g)].map(
      (m) => m[1],
    );
    expect(titles[0]).toBe("Backend API integration");
    expect(titles).toEqual([...new Set(titles)]);
    expect(titles).toEqual(
      expect.arrayContaining(["QA sign-off for Instant Payouts", "Go-to-market campaign"]),
    );
    const href = `/conflicts/${encodeURIComponent("schedule|mkt-plan:MKT-7")}`;
    expect(list).toContain(`href="${href}"`);
    const detail = await page(href);
    // One drawing per width (a phone's at its own size), the path's links between the bars.
    expect(detail).toMatch(/<svg class="chart wide"[^>]*role="img"/);
    expect(detail).toMatch(/<svg class="chart narrow"[^>]*role="img"/);
    expect(detail.match(/marker-end="url\(#path-wide-(?:ok|late)\)"/g)).toHaveLength(2);
    expect(detail).toContain("https://acmepay.atlassian.net/browse/PAY-142");
    expect(detail).toContain("Camille Durand");
    expect(detail).toContain(">was 20 Feb</text>");
    expect(detail).toContain('Figures as of <time datetime="2026-01-12">');
    expect(await page("/kpis")).toContain('Figures as of <time datetime="2026-01-12">');
  });

  it("show the weekly report with the same figures as the KPIs page, and refuse a week that is not one", async () => {
    const report = await page("/report");
    expect(report).toContain("Governance report, week 2026-W03");
    expect(report).toContain("€306,500");
    expect(report).toContain("Backend API integration");
    expect(await page("/report?week=2026-W02")).toContain("no reconcile recorded this week");
    const bad = await call(`${web.url}/report?week=2026-W99`, { headers: { Cookie: session } });
    expect(bad.status).toBe(400);
  });

  it("filter conflicts through an accessible GET form", async () => {
    const html = await page("/conflicts?team=Compliance");
    expect(html).toContain('<label for="f-team">Team</label>');
    expect(html).toContain("Backend API integration → Compliance review of payout flows");
    expect(html).not.toContain("MKT-7</td>");
  });

  it("escape what the tools say and only link http(s) URLs", async () => {
    const now = new Date().toISOString();
    await web.ctx.store.actions.upsert(
      { kind: "file", instance: "demo-plan" },
      [
        {
          nativeKey: "EVIL-1",
          title: '<script>alert("x")</script> & <b>bold</b>',
          status: "todo",
          url: "javascript:alert(1)",
          ownerRaw: '"><img src=x onerror=alert(1)>',
          team: null,
          businessUnit: null,
          program: null,
          start: null,
          due: null,
          kpis: [],
          dependsOn: [],
          mirrors: [],
          sourceUpdatedAt: null,
        },
      ],
      now,
    );
    const list = await page("/actions?q=EVIL");
    expect(list).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;");
    expect(list).not.toContain("<script>alert");
    expect(list).not.toContain("<img src=x");
    const detail = await page(`/actions/${encodeURIComponent("demo-plan:EVIL-1")}`);
    expect(detail).not.toContain("javascript:");
    expect(detail).not.toContain("<script>alert");
  });

  it("show a sources page with a Sync now form per instance", async () => {
    const html = await page("/sources");
    for (const id of ["jira-eng", "mkt-plan", "mail-actions", "demo-plan"]) {
      expect(html).toContain(`action="/sources/${id}/sync"`);
    }
    expect(html).toContain("mappingHash");
  });
});
