import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { slackWriteConnector } from "../../../connectors/slack/connector.js";
import type { Connector, DateChange } from "../../../src/sync/index.js";

/**
 * What the acceptance suite needs to know of each connector kind, offline: a recorded source, a broken
 * copy of it, a cursor past its end. Adding a connector to the registry without a case here fails the suite.
 */
export interface AcceptanceCase {
  /** Options of an instance over the recorded source (paths relative to the repository root). */
  options: Record<string, unknown>;
  /** Options the kind must refuse, and the option the first error must name. */
  invalid: { options: Record<string, unknown>; field: string };
  /** Native keys the recorded pull writes (all of them, sorted). */
  keys: string[];
  /** A cursor past everything the source holds, derived from the cursor a full run stored. */
  future(stored: unknown): unknown;
  /** Options for the run from `future` when the recorded source must answer one more request. */
  futureOptions?(dir: string): Record<string, unknown>;
  /** A copy of the source with one record broken among good ones, in `dir`; where its quarantine entry points. */
  broken(dir: string): { options: Record<string, unknown> } | { connector(instance: string): Connector };
  brokenLocation: RegExp;
  /** A write-back round trip, for kinds that write dates back. */
  writeBack?: { options(dir: string): Record<string, unknown>; key: string; change: DateChange };
}

/** An action as the Slack listeners hand it over (connectors/slack/raw-schema.ts). */
const slackRaw = (key: string, due: string) => ({
  key,
  title: "Book the launch venue",
  status: "todo",
  owner: "U01AAAAAAAA",
  team: null,
  businessUnit: null,
  program: null,
  start: null,
  due,
  kpis: [],
  dependsOn: [],
  link: null,
  message: null,
  via: "command",
  by: "U01AAAAAAAA",
  at: "2026-03-05T09:00:00.000Z",
});

const copy = (from: string, dir: string, name: string) => {
  const to = join(dir, name);
  cpSync(from, to, { recursive: true });
  return to;
};

const JIRA = {
  baseUrl: "https://acmepay.atlassian.net",
  recorded: "fixtures/jira/demo/slip",
  jql: "project = PAY",
  kpiFrom: { labelsPrefix: "kpi:" },
  teamFrom: { fixed: "Engineering" },
  pageSize: 2,
};

/** The slip recording plus the requests a case adds (appended to its recording.yaml). */
function jiraRecording(dir: string, extra: string, edit?: (file: string, text: string) => string): string {
  const folder = copy(resolve("fixtures/jira/demo/slip"), dir, "jira");
  const index = join(folder, "recording.yaml");
  // The recording names shared fixtures as ../../<file>: point them back at the repository's copies.
  const text = readFileSync(index, "utf8").replaceAll("../../", `${resolve("fixtures/jira")}/`);
  writeFileSync(index, `${text}\n${extra}`);
  if (edit)
    for (const f of ["search-jql-page-1.json", "search-jql-page-2.json"])
      writeFileSync(join(folder, f), edit(f, readFileSync(join(folder, f), "utf8")));
  return folder;
}

export const CASES: Record<string, AcceptanceCase> = {
  file: {
    options: { path: "fixtures/demo/plan.yaml" },
    invalid: { options: { path: "fixtures/demo/plan.yaml", pageSize: 0 }, field: "pageSize" },
    keys: ["FIN-1", "LEGAL-3", "SUP-4"],
    future: (stored) => stored,
    broken: (dir) => {
      const file = join(dir, "plan.yaml");
      writeFileSync(
        file,
        readFileSync("fixtures/demo/plan.yaml", "utf8").replace("due: 2026-03-02", "due: 2026-02-30"),
      );
      return { options: { path: file } };
    },
    brokenLocation: /plan\.yaml actions\[1\]/,
  },
  csv: {
    options: { mapping: "fixtures/sheets/csv-mapping.yaml" },
    invalid: { options: { mapping: "fixtures/sheets/csv-mapping.yaml", pageSize: -1 }, field: "pageSize" },
    keys: ["MKT-6", "MKT-7", "MKT-8", "MKT-9"],
    future: (stored) => stored,
    broken: (dir) => {
      cpSync("fixtures/sheets/csv-mapping.yaml", join(dir, "csv-mapping.yaml"));
      writeFileSync(
        join(dir, "marketing-plan.csv"),
        readFileSync("fixtures/sheets/marketing-plan.csv", "utf8").replace(
          "16/02/2026,27/02/2026",
          "16/02/2026,31/02/2026",
        ),
      );
      return { options: { mapping: join(dir, "csv-mapping.yaml") } };
    },
    brokenLocation: /marketing-plan\.csv row 4/,
  },
  sheets: {
    options: {
      mapping: "mappings/demo-marketing-plan.yaml",
      recorded: "fixtures/sheets/demo-marketing-plan",
    },
    invalid: { options: { recorded: "fixtures/sheets/demo-marketing-plan" }, field: "mapping" },
    keys: ["MKT-6", "MKT-7", "MKT-8", "MKT-9"],
    future: (stored) => stored,
    broken: (dir) => {
      const folder = copy(resolve("fixtures/sheets/demo-marketing-plan"), dir, "sheet");
      const values = join(folder, "values-get.json");
      writeFileSync(
        values,
        readFileSync(values, "utf8").replace(
          '"Pricing page", "Marketing", "Not started", 46084, 46087',
          '"Pricing page", "Marketing", "Not started", 46084, "31/02/2026"',
        ),
      );
      return { options: { mapping: "mappings/demo-marketing-plan.yaml", recorded: folder } };
    },
    brokenLocation: /row 4/,
    writeBack: {
      options: () => ({
        mapping: "mappings/demo-marketing-plan.yaml",
        recorded: "fixtures/sheets/demo-marketing-plan",
      }),
      key: "MKT-7",
      change: { due: "2026-04-30" },
    },
  },
  jira: {
    options: JIRA,
    invalid: { options: { ...JIRA, jql: "project = PAY ORDER BY key" }, field: "jql" },
    keys: ["PAY-142", "PAY-150", "PAY-151"],
    future: (stored) => ({
      ...(stored as Record<string, unknown>),
      watermark: "2099-01-01T00:00:00.000+0100",
    }),
    futureOptions: (dir) => ({
      ...JIRA,
      recorded: jiraRecording(
        dir,
        [
          "  - request:",
          "      method: GET",
          "      path: /rest/api/3/search/jql",
          "      query:",
          '        jql: (project = PAY) AND updated >= "2098/12/31 23:55" ORDER BY updated ASC, key ASC',
          `    response: ${resolve("fixtures/jira/search-jql-empty.json")}`,
        ].join("\n"),
      ),
    }),
    broken: (dir) => ({
      options: {
        ...JIRA,
        recorded: jiraRecording(dir, "", (_f, text) =>
          text.replace('"duedate": "2026-03-06"', '"duedate": "06/03/2026"'),
        ),
      },
    }),
    brokenLocation: /issue PAY-151/,
    writeBack: {
      options: (dir) => ({
        ...JIRA,
        recorded: jiraRecording(
          dir,
          [
            "  - request: { method: PUT, path: /rest/api/3/issue/PAY-142 }",
            "    status: 204",
            "  - request: { method: GET, path: /rest/api/3/issue/PAY-142 }",
            `    response: ${resolve("fixtures/jira/issue-pay-142.json")}`,
          ].join("\n"),
        ),
      }),
      key: "PAY-142",
      change: { due: "2026-04-03" },
    },
  },
  email: {
    options: { recorded: "fixtures/email/demo" },
    invalid: { options: { recorded: "fixtures/email/demo", pollSeconds: 1 }, field: "pollSeconds" },
    keys: ["QA-9"],
    future: (stored) => ({ ...(stored as Record<string, unknown>), lastUid: 2 ** 31 }),
    broken: (dir) => {
      const folder = copy(resolve("fixtures/email/demo"), dir, "mail");
      cpSync("fixtures/email/bad-date.eml", join(folder, "03-bad-date.eml"));
      return { options: { recorded: folder } };
    },
    brokenLocation: /bad-date|03-bad-date\.eml/,
  },
  slack: {
    options: { keyPrefix: "SL" },
    invalid: { options: { keyPrefix: "sl-lower" }, field: "keyPrefix" },
    // Slack keeps no list of the actions people created there: a pull reads nothing.
    keys: [],
    future: (stored) => stored,
    broken: () => ({
      connector: (instance) =>
        slackWriteConnector({ kind: "slack", instance }, [
          slackRaw("SL-GOOD0001", "2026-04-03"),
          slackRaw("SL-BAD00002", "2026-04-31"),
        ]),
    }),
    brokenLocation: /SL-BAD00002/,
  },
  github: {
    options: { repo: "acme/payments", recorded: "fixtures/github/payments" },
    invalid: { options: { repo: "payments", recorded: "fixtures/github/payments" }, field: "repo" },
    keys: [
      "acme/payments#12",
      "acme/payments#13",
      "acme/payments#14",
      "acme/payments#15",
      "acme/payments/milestones/2",
      "acme/payments/milestones/3",
    ],
    future: (stored) => ({
      ...(stored as Record<string, unknown>),
      since: "2099-01-01T00:00:00Z",
      issuesEtag: null,
    }),
    // The recording itself holds one (#16, due 30 Feb).
    broken: () => ({ options: { repo: "acme/payments", recorded: "fixtures/github/payments" } }),
    brokenLocation: /gh|issue acme\/payments#16/,
  },
};
