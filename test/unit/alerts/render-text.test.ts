import { describe, expect, it } from "vitest";
import type { AlertIntent } from "../../../src/alerts/intent.js";
import { planAlerts } from "../../../src/alerts/plan.js";
import { renderHtml, renderText } from "../../../src/alerts/render-text.js";
import { actionsById, campaignConflict, diff, MemoryLedger, planInput } from "./fixtures.js";

function intentsFor(...args: Parameters<typeof planInput>): AlertIntent[] {
  return planAlerts(planInput(...args));
}

function byRole(intents: AlertIntent[], role: AlertIntent["role"]): AlertIntent {
  const found = intents.find((i) => i.role === role);
  if (!found) throw new Error(`no intent for ${role}`);
  return found;
}

const hostile = actionsById({
  "mkt-plan:MKT-7": {
    id: "mkt-plan:MKT-7",
    title: `<script>alert("x")</script> Tom & Jerry's launch`,
    owner: "maria",
    team: "Marketing",
    url: "javascript:alert(1)",
    source: { kind: "sheets", instance: "mkt-plan" },
  },
});

describe("plain-text rendering", () => {
  const intents = intentsFor({ diff: diff({ opened: [campaignConflict()] }) });

  it("tells the dependent's owner what conflicts with what, where, when, how short, what is at risk and what to do", () => {
    const text = renderText(byRole(intents, "dependent_owner"));
    expect(text).toContain(
      `"Go-to-market campaign" is planned for 2 Mar 2026, but its dependency "QA sign-off" lets it happen on 13 Apr 2026 at the earliest: 42 days short.`,
    );
    expect(text).toContain("Google Sheets (mkt-plan), owner Maria Lopez");
    expect(text).toContain("Jira (jira-eng), owner Dev Patel");
    expect(text).toContain("https://example.atlassian.net/browse/QA-7");
    expect(text).toMatch(/Root cause:\s+"Backend API integration"/);
    expect(text).toMatch(/Path:\s+Backend API integration → QA sign-off → Go-to-market campaign/);
    expect(text).toMatch(/At risk:\s+\$126,000/);
    expect(text).toContain("Launch revenue (Win the fintech market): $126,000 ($3,000/day)");
    expect(text).toContain(
      `What to do: Replan "Go-to-market campaign" to 13 Apr 2026, or ask Dev Patel to commit to 1 Mar 2026.`,
    );
    expect(text).toContain("owner of the action in conflict");
  });

  it("asks the dependency's owner to commit to the needed-by date", () => {
    const text = renderText(byRole(intents, "dependency_owner"));
    expect(text).toContain(
      `"Go-to-market campaign" (Maria Lopez) needs "QA sign-off" by 1 Mar 2026. Commit to that date, or propose a new one.`,
    );
  });

  it("says how it got worse, and renders a cleared conflict briefly", () => {
    const ledger = new MemoryLedger();
    ledger.record(intentsFor({ ledger, diff: diff({ opened: [campaignConflict()] }) }));
    const worse = campaignConflict({ severity: "critical", daysShort: 50, earliestDate: "2026-04-21" });
    const changed = intentsFor({
      ledger,
      diff: diff({ changed: [{ before: campaignConflict(), after: worse }] }),
    });
    const changedText = renderText(byRole(changed, "dependent_owner"));
    expect(changedText).toContain("(got worse)");
    expect(changedText).toContain("Was 42 days short, now 50 days.");
    expect(changedText).toContain("21 Apr 2026");
    ledger.record(changed);
    const cleared = intentsFor({ ledger, diff: diff({ resolved: [worse] }) });
    const clearedText = renderText(byRole(cleared, "dependent_owner"));
    expect(clearedText).toContain(
      `Cleared: schedule conflict on "Go-to-market campaign" is resolved. It was 50 days short.`,
    );
    expect(clearedText).toContain("What to do: Nothing to do.");
    expect(clearedText).not.toContain("At risk");
  });

  it("shows per-KPI sums in their own currency when the KPIs mix currencies", () => {
    const input = planInput({
      diff: diff({ opened: [campaignConflict({ kpis: ["launch-rev", "eu-rev"] })] }),
    });
    const kpis = [
      ...input.kpis,
      { ...input.kpis[0]!, key: "eu-rev", name: "EU revenue", currency: "EUR", costOfDelayPerDay: 1000.25 },
    ];
    const text = renderText(byRole(planAlerts({ ...input, kpis }), "dependent_owner"));
    expect(text).not.toMatch(/At risk:/);
    expect(text).toContain("EU revenue (Win the fintech market): €42,010.50 (€1,000.25/day)");
  });
});

describe("HTML rendering", () => {
  it("escapes what the tools supply and never links a non-web URL", () => {
    const intent = byRole(
      intentsFor({ actionsById: hostile, diff: diff({ opened: [campaignConflict()] }) }),
      "dependent_owner",
    );
    const html = renderHtml(intent);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tom &amp; Jerry&#39;s launch");
    expect(html).not.toContain("javascript:");
    expect(html).toContain('<a href="https://example.atlassian.net/browse/QA-7">QA sign-off</a>');
    expect(html).toContain("<strong>13 Apr 2026</strong>");
    expect(html).toContain("$126,000");
  });

  it("keeps a sheet URL's query intact but escaped inside the attribute", () => {
    const html = renderHtml(
      byRole(intentsFor({ diff: diff({ opened: [campaignConflict()] }) }), "dependent_owner"),
    );
    expect(html).toContain('href="https://docs.google.com/spreadsheets/d/abc/edit#gid=0&amp;range=A7"');
  });
});
