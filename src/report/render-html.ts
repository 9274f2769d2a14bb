import { formatHuman } from "../model/index.js";
import { changeText, reportMoney } from "./money-text.js";
import { type ReportSection, reportSections } from "./report-sections.js";
import type { WeeklyReport } from "./weekly-report.js";

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// Mail clients drop <style> blocks and scripts and many ignore SVG: every style is inline, charts are tables.
const FONT = "font-family:Arial,Helvetica,sans-serif;color:#1b1f24";
const TH = "text-align:left;padding:6px 8px;border-bottom:2px solid #d0d7de;font-size:13px";
const TD = "padding:6px 8px;border-bottom:1px solid #d0d7de;font-size:13px;vertical-align:top";
const NUM = `${TD};text-align:right;white-space:nowrap`;

function table(sec: ReportSection): string {
  if (sec.rows.length === 0) return `<p style="${FONT};font-size:13px;color:#57606a">None.</p>`;
  const num = (i: number) => sec.numeric.includes(i);
  const th = sec.head.map((h, i) => `<th style="${num(i) ? `${TH};text-align:right` : TH}">${esc(h)}</th>`);
  const trs = sec.rows.map(
    (r) => `<tr>${r.cells.map((c, i) => `<td style="${num(i) ? NUM : TD}">${esc(c)}</td>`).join("")}</tr>`,
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
  const asOf = r.asOf ? `figures as of ${formatHuman(r.asOf)}` : "no reconcile recorded this week";
  const sections = reportSections(r).flatMap((sec, i) => [
    h2(sec.title),
    table(sec),
    // The objectives' 12-week charts follow their table.
    ...(i === 0 ? r.objectives.map((o) => chart(o.key, o.series, r.currency)) : []),
  ]);
  const body = [
    `<h1 style="${FONT};font-size:21px;margin:0 0 4px">${esc(`${r.organisation}: governance report, week ${r.week.name}`)}</h1>`,
    `<p style="${FONT};font-size:13px;color:#57606a;margin:0 0 16px">${esc(`${formatHuman(r.week.from)} – ${formatHuman(r.week.to)}, ${asOf}.`)}</p>`,
    `<p style="${FONT};font-size:15px"><strong>${esc(reportMoney(r.total.now, r.currency))} at risk</strong> (${esc(changeText(r.total, r.currency))}). Each KPI counts once: its delay × its cost of delay per day.</p>`,
    ...sections,
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(`Governance report ${r.week.name}`)}</title></head><body style="margin:0;padding:16px;background:#ffffff">${body.join("\n")}</body></html>\n`;
}
