import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";
import { parseJiraConfig } from "../../connectors/jira/config.js";
import { createJiraConnector } from "../../connectors/jira/connector.js";
import { mapContextFor, mapJiraIssue } from "../../connectors/jira/map.js";
import { ActionRecordSchema } from "../../src/model/index.js";
import { openStore } from "../../src/store/index.js";
import { runSync } from "../../src/sync/index.js";

/**
 * Mapping and upserting Jira issues shaped like the recorded search/jql pages (fixtures/jira), served from
 * memory through the connector's injected fetch in Cloud-sized pages of 100, into a temp SQLite file.
 *
 *   npx tsx test/bench/jira-bench.ts [issues] [runs]
 */

export interface JiraBenchRow {
  issues: number;
  phase: string;
  runs: number;
  medianMs: number;
  issuesPerSec: number;
  requests: number;
  actionRowsWritten: number;
}

const SITE = "https://acmepay.atlassian.net";
const PAGE = 100;
const fixtures = fileURLToPath(new URL("../../fixtures/jira/", import.meta.url));
const TemplateSchema = z.object({ issues: z.array(z.looseObject({ fields: z.looseObject({}) })) });

const pad = (n: number) => String(n).padStart(2, "0");

/** `updated` one second apart from 2026-01-01 00:00 +01:00, in Jira's format. */
function jiraTime(i: number): string {
  const d = new Date(Date.UTC(2026, 0, 1) + i * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000+0100`;
}

function isoDay(offset: number): string {
  return new Date(Date.UTC(2026, 1, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** N issues cloned from the recorded PAY-142 (every field as Jira sends it), each blocked by the previous. */
function generateIssues(n: number): unknown[] {
  const text = readFileSync(join(fixtures, "search-jql-page-1.json"), "utf8");
  const template = TemplateSchema.parse(JSON.parse(text)).issues[1]!;
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const key = `ENG-${i + 1}`;
    const id = String(100_000 + i);
    const link = (linkId: number, side: "inwardIssue" | "outwardIssue", other: number) => ({
      id: String(linkId),
      self: `${SITE}/rest/api/3/issueLink/${linkId}`,
      type: {
        id: "10000",
        name: "Blocks",
        inward: "is blocked by",
        outward: "blocks",
        self: `${SITE}/rest/api/3/issueLinkType/10000`,
      },
      [side]: {
        id: String(100_000 + other),
        key: `ENG-${other + 1}`,
        self: `${SITE}/rest/api/3/issue/${100_000 + other}`,
        fields: { summary: `Work item ${other + 1}` },
      },
    });
    const links = [];
    if (i > 0) links.push(link(500_000 + i - 1, "inwardIssue", i - 1));
    if (i < n - 1) links.push(link(500_000 + i, "outwardIssue", i + 1));
    const accountId = `712020:bench-${String(i % 200).padStart(4, "0")}`;
    out.push({
      ...template,
      id,
      key,
      self: `${SITE}/rest/api/3/issue/${id}`,
      fields: {
        ...template.fields,
        summary: `Work item ${i + 1}`,
        updated: jiraTime(i),
        duedate: isoDay(i % 300),
        customfield_10015: isoDay((i % 300) - 14),
        labels: [`kpi:kpi-${i % 50}`],
        issuelinks: links,
        assignee: {
          accountId,
          displayName: `Engineer ${i % 200}`,
          active: true,
          timeZone: "Europe/Paris",
          accountType: "atlassian",
        },
      },
    });
  }
  return out;
}

/** An in-memory Jira Cloud: /field and /search/jql with nextPageToken paging over pre-serialised pages. */
function inMemoryJira(issues: readonly unknown[]) {
  const fieldList = readFileSync(join(fixtures, "field.json"), "utf8");
  const pages: string[] = [];
  for (let at = 0; at < issues.length; at += PAGE) {
    const last = at + PAGE >= issues.length;
    const page = {
      issues: issues.slice(at, at + PAGE),
      ...(last ? {} : { nextPageToken: `p${at + PAGE}` }),
      isLast: last,
    };
    pages.push(JSON.stringify(page));
  }
  const json = (body: string) =>
    new Response(body, { status: 200, headers: { "Content-Type": "application/json" } });
  const fetchImpl: typeof fetch = async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname.endsWith("/field")) return json(fieldList);
    const jql = url.searchParams.get("jql") ?? "";
    // Issues are stamped in 2026; a watermark from this run means nothing changed since.
    if (jql.includes("updated >=")) return json(JSON.stringify({ issues: [], isLast: true }));
    const token = url.searchParams.get("nextPageToken");
    const index = token ? Number(token.slice(1)) / PAGE : 0;
    return json(pages[index] ?? JSON.stringify({ issues: [], isLast: true }));
  };
  return fetchImpl;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export async function runJiraBench(opts: { issues: number; runs?: number }): Promise<JiraBenchRow[]> {
  const runs = opts.runs ?? 3;
  const issues = generateIssues(opts.issues);
  const config = parseJiraConfig(
    {
      id: "jira-eng",
      kind: "jira",
      baseUrl: SITE,
      auth: { type: "basic", emailEnv: "JIRA_EMAIL", tokenEnv: "JIRA_API_TOKEN" },
      jql: "project = ENG",
      kpiFrom: { labelsPrefix: "kpi:" },
      teamFrom: { fixed: "Engineering" },
      pageSize: PAGE,
      maxPages: Math.ceil(opts.issues / PAGE) + 1,
    },
    "jira bench",
  );
  const env = { JIRA_EMAIL: "bench@acmepay.example", JIRA_API_TOKEN: "bench-token" };
  const fetchImpl = inMemoryJira(issues);
  const results: JiraBenchRow[] = [];
  const add = (phase: string, ms: number[], requests: number, written: number) => {
    const m = median(ms);
    results.push({
      issues: opts.issues,
      phase,
      runs,
      medianMs: Math.round(m),
      issuesPerSec: Math.round(opts.issues / (m / 1000)),
      requests,
      actionRowsWritten: written,
    });
  };

  const ctx = mapContextFor(config, { start: "customfield_10015", kpi: null, team: null });
  const mapMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    let valid = 0;
    for (const raw of issues) {
      const { item } = mapJiraIssue(raw, ctx, "bench");
      if (item.kind === "record" && ActionRecordSchema.safeParse(item.record).success) valid++;
    }
    mapMs.push(performance.now() - t0);
    if (valid !== opts.issues) throw new Error(`expected ${opts.issues} valid issues, got ${valid}`);
  }
  add("map + validate (no I/O)", mapMs, 0, 0);

  const phases: Record<"first" | "full" | "idle", number[]> = { first: [], full: [], idle: [] };
  const req = { first: 0, full: 0, idle: 0 };
  const written = { first: 0, full: 0, idle: 0 };
  for (let r = 0; r < runs; r++) {
    const dir = mkdtempSync(join(tmpdir(), "sightline-jira-bench-"));
    const store = await openStore(join(dir, "bench.db"));
    try {
      const step = async (name: keyof typeof phases, at: string, fullScan: boolean) => {
        const connector = createJiraConnector(config, {
          env,
          fetch: fetchImpl,
          fullScan,
          now: () => new Date(at),
          notice: () => {},
        });
        const t0 = performance.now();
        const report = await runSync(connector, store.sync, { now: () => at });
        phases[name].push(performance.now() - t0);
        req[name] = connector.requestCount;
        written[name] = report.inserted + report.updated + report.removed;
      };
      await step("first", "2026-02-01T00:00:00.000Z", false);
      await step("full", "2026-02-01T01:00:00.000Z", true);
      await step("idle", "2026-02-01T01:05:00.000Z", false);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  add("first sync: pages + map + upsert (SQLite)", phases.first, req.first, written.first);
  add("unchanged full re-sync (--full)", phases.full, req.full, written.full);
  add("idle incremental sync", phases.idle, req.idle, written.idle);
  return results;
}

export function printJiraBench(rows: readonly JiraBenchRow[]): void {
  console.log("| issues | phase | runs | median ms | issues/s | requests | action rows written |");
  console.log("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.issues} | ${r.phase} | ${r.runs} | ${r.medianMs} | ${r.issuesPerSec.toLocaleString("en-US")} | ${r.requests} | ${r.actionRowsWritten} |`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const issues = Number(process.argv[2] ?? 10_000);
  const runs = Number(process.argv[3] ?? 3);
  if (!Number.isInteger(issues) || issues < 1 || !Number.isInteger(runs) || runs < 1) {
    throw new Error(
      `usage: tsx test/bench/jira-bench.ts [issues] [runs], got ${process.argv.slice(2).join(" ")}`,
    );
  }
  printJiraBench(await runJiraBench({ issues, runs }));
}
