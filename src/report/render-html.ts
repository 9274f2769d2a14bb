import { formatHuman } from "../model/index.js";
import { changeText, reportMoney } from "./render-md.js";
import type { WeeklyReport } from "./weekly-report.js";

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// Mail clients drop <style> blocks and scripts and many ignore SVG: every style is inline, charts are tables.
const FONT = "font-family:Arial,Helvetica,sans-serif;color:#1b1f24";
const TH = "text-align:left;padding:6px 8px;border-bottom:2px solid #d0d7de;font-size:13px";
const TD = "padding:6px 8px;border-bottom:1px solid #d0d7de;font-size:13px;vertical-align:top";
const NUM = `${TD};text-align:right;white-space:nowrap`;

function table(head: string[], rows: string[][], numeric: number[] = []): string {
  if (rows.length === 0) return `<p style="${FONT};font-size:13px;color:#57606a">None.</p>`;
  const th = head.map(
    (h, i) => `<th style="${numeric.includes(i) ? `${TH};text-align:right` : TH}">${esc(h)}</th>`,
  );
  const trs = rows.map(
    (r) =>
      `<tr>${r.map((c, i) => `<td style="${numeric.includes(i) ? NUM : TD}">${esc(c)}</td>`).join("")}</tr>`,
  );
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;max-width:720px;${FONT}"><tr>${th.join("")}</tr>${trs.join("")}</table>`;
}

/** Value at risk at the end of each of the last 12 weeks, as a bar per week (a table: it renders everywhere). */
function chart(name: string, series: WeeklyReport["objectives"][number]["series"], currency: string): string {
  const max = Math.max(1, ...series.map((p) => p.valueAtRisk ?? 0));
  const rows = series.map((p) => {
    const v = p.valueAtRisk;
    const width = v === null ? 0 : Math.max(v > 0 ? 1 : 0, Math.round((v / max) * 100));
    const bar =
      width > 0
        ? `<table role="presentation" cellpadding="0" cellspacing="0" style="width:${width}%"><tr><td style="background:#a40e26;height:10px;font-size:0;line-height:0">&nbsp;</td></tr></table>`
        : "";
    return `<tr><td style="${TD};white-space:nowrap;color:#57606a">${esc(p.week)}</td><td style="${TD};width:100%">${bar}</td><td style="${NUM}">${v === null ? "—" : esc(reportMoney(v, currency))}</td></tr>`;
  });
  return `<p style="${FONT};font-size:13px;margin:12px 0 4px"><strong>${esc(name)}</strong>: value at risk, last 12 weeks</p><table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;max-width:720px;${FONT}">${rows.join("")}</table>`;
}

const h2 = (text: string) => `<h2 style="${FONT};font-size:17px;margin:24px 0 8px">${esc(text)}</h2>`;

/** The report as one self-contained HTML document for e-mail: inline CSS, no script, no external image. */
export function renderReportHtml(r: WeeklyReport): string {
  const m = (n: number) => reportMoney(n, r.currency);
  const asOf = r.asOf ? `figures as of ${formatHuman(r.asOf)}` : "no reconcile recorded this week";
  const body = [
    `<h1 style="${FONT};font-size:21px;margin:0 0 4px">${esc(`${r.organisation}: governance report, week ${r.week.name}`)}</h1>`,
    `<p style="${FONT};font-size:13px;color:#57606a;margin:0 0 16px">${esc(`${formatHuman(r.week.from)} – ${formatHuman(r.week.to)}, ${asOf}.`)}</p>`,
    `<p style="${FONT};font-size:15px"><strong>${esc(m(r.total.now))} at risk</strong> (${esc(changeText(r.total, r.currency))}). Each KPI counts once: its delay × its cost of delay per day.</p>`,
    h2("Value at risk by objective"),
    table(
      ["Objective", "At risk", "Change"],
      r.objectives.map((o) => [o.key, m(o.now), changeText(o, r.currency)]),
      [1],
    ),
    ...r.objectives.map((o) => chart(o.key, o.series, r.currency)),
    h2("By KPI"),
    table(
      ["KPI", "Objective", "Days late", "At risk", "Change"],
      r.kpis.map((k) => [k.name, k.objective, String(k.days), m(k.now), changeText(k, r.currency)]),
      [2, 3],
    ),
    h2("By business unit"),
    table(
      ["Business unit", "At risk", "Change"],
      r.businessUnits.map((b) => [b.key, m(b.now), changeText(b, r.currency)]),
      [1],
    ),
    h2("This week's slips and their root causes"),
    table(
      ["Root cause", "Owner", "Conflicts", "At risk"],
      r.slips.map((s) => [
        s.rootCause.title ?? s.rootCause.id,
        s.rootCause.ownerName ?? "nobody",
        String(s.conflicts),
        m(s.valueAtRisk),
      ]),
      [2, 3],
    ),
    h2("Unanswered"),
    table(
      ["Conflict", "Has not answered", "Waiting on", "Open for"],
      r.unanswered.map((u) => [
        u.title ?? u.fingerprint,
        u.ownerName ?? "nobody (no owner)",
        u.waitingOn
          ? `${u.waitingOn.title ?? u.waitingOn.id}${u.waitingOn.ownerName ? ` (${u.waitingOn.ownerName})` : ""}`
          : "—",
        `${u.hours} h`,
      ]),
      [3],
    ),
    h2("Ownership vacuums"),
    table(
      ["Action", "Team"],
      r.vacuums.map((v) => [v.title ?? v.actionId, v.teams.join(", ")]),
    ),
    h2("Actions not linked to a KPI"),
    table(
      ["Action", "Owner"],
      r.unlinked.map((u) => [u.title ?? u.actionId, u.ownerName ?? "nobody"]),
    ),
    h2("Time to acknowledge, per team"),
    table(
      ["Team", "Answered", "Median"],
      r.timeToAcknowledge.map((t) => [t.team, String(t.answered), `${t.medianHours} h`]),
      [1, 2],
    ),
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(`Governance report ${r.week.name}`)}</title></head><body style="margin:0;padding:16px;background:#ffffff">${body.join("\n")}</body></html>\n`;
}
