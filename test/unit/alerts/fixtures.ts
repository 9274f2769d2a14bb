import type { AlertIntent, AlertLedgerView, ConflictState, LedgerEntry } from "../../../src/alerts/intent.js";
import type { PlanInput } from "../../../src/alerts/plan.js";
import type { ActionSummary } from "../../../src/alerts/recipients.js";
import {
  type Conflict,
  type ConflictDiff,
  ConflictSchema,
  type Directory,
  DirectorySchema,
  type Kpi,
  KpiSchema,
} from "../../../src/model/index.js";
import { scheduleFacts } from "../../support/conflict-facts.js";

/** The fintech launch: the API slipped, QA depends on it, the campaign depends on QA. */
export function directory(): Directory {
  return DirectorySchema.parse({
    people: [
      {
        id: "maria",
        name: "Maria Lopez",
        emails: ["maria@example.com"],
        slackUserId: "U_MARIA",
        team: "Marketing",
        timeZone: "Europe/Berlin",
      },
      {
        id: "dev",
        name: "Dev Patel",
        emails: ["dev@example.com"],
        slackUserId: "U_DEV",
        team: "Engineering",
        timeZone: "America/Los_Angeles",
      },
      {
        id: "anna",
        name: "Anna Berg",
        emails: ["anna@example.com"],
        slackUserId: "U_ANNA",
        team: "Engineering",
      },
      { id: "cfo", name: "Chris Fo", emails: ["cfo@example.com"], slackUserId: "U_CFO" },
    ],
    teams: [
      { name: "Marketing", slackChannel: "#marketing", email: "marketing@example.com" },
      { name: "Engineering", slackChannel: "#eng" },
      { name: "Legal", email: "legal@example.com" },
      { name: "Ops" },
    ],
  });
}

export const kpis: Kpi[] = [
  KpiSchema.parse({
    key: "launch-rev",
    name: "Launch revenue",
    objective: "Win the fintech market",
    owner: "cfo@example.com",
    costOfDelayPerDay: 3000,
    currency: "USD",
  }),
];

const actions: Record<string, ActionSummary> = {
  "jira-eng:PAY-142": {
    id: "jira-eng:PAY-142",
    title: "Backend API integration",
    owner: "anna",
    team: "Engineering",
    url: "https://example.atlassian.net/browse/PAY-142",
    source: { kind: "jira", instance: "jira-eng" },
  },
  "jira-eng:QA-7": {
    id: "jira-eng:QA-7",
    title: "QA sign-off",
    owner: "dev",
    team: "Engineering",
    url: "https://example.atlassian.net/browse/QA-7",
    source: { kind: "jira", instance: "jira-eng" },
  },
  "mkt-plan:MKT-7": {
    id: "mkt-plan:MKT-7",
    title: "Go-to-market campaign",
    owner: "maria",
    team: "Marketing",
    url: "https://docs.google.com/spreadsheets/d/abc/edit#gid=0&range=A7",
    source: { kind: "sheets", instance: "mkt-plan" },
  },
};

export function actionsById(overrides: Record<string, ActionSummary | null> = {}) {
  return (id: string): ActionSummary | null =>
    id in overrides ? (overrides[id] ?? null) : (actions[id] ?? null);
}

export function campaignConflict(over: Partial<Conflict> = {}): Conflict {
  return ConflictSchema.parse({
    fingerprint: "schedule:mkt-plan:MKT-7<-jira-eng:QA-7",
    type: "schedule",
    severity: "critical",
    actionId: "mkt-plan:MKT-7",
    actionIds: ["mkt-plan:MKT-7"],
    dependencyId: "jira-eng:QA-7",
    rootCauseId: "jira-eng:PAY-142",
    path: ["jira-eng:PAY-142", "jira-eng:QA-7", "mkt-plan:MKT-7"],
    plannedDate: "2026-03-02",
    earliestDate: "2026-04-13",
    daysShort: 42,
    kpis: ["launch-rev"],
    valueAtRisk: 126000,
    notify: ["anna", "cfo", "dev", "maria"],
    message: "Go-to-market campaign starts 2 Mar 2026 but QA sign-off allows 13 Apr 2026 at the earliest",
    facts: scheduleFacts({ neededBy: "2026-03-01" }),
    ...over,
  });
}

/** An in-memory alert ledger that records what a sink delivered, the way the store's table does. */
export class MemoryLedger implements AlertLedgerView {
  readonly entries: (LedgerEntry & { fingerprint: string; recipient: string })[] = [];
  has(key: string): boolean {
    return this.entries.some((e) => e.key === key);
  }
  lastFor(fingerprint: string, recipient: string): LedgerEntry | null {
    const mine = this.entries.filter((e) => e.fingerprint === fingerprint && e.recipient === recipient);
    return mine.at(-1) ?? null;
  }
  record(
    intents: readonly AlertIntent[],
    ref: (i: AlertIntent) => string | null = (i) => `ref-${i.key}`,
  ): void {
    for (const i of intents) {
      this.entries.push({
        key: i.key,
        fingerprint: i.conflict.fingerprint,
        recipient: i.recipientKey,
        changeKey: i.changeKey,
        messageRef: i.kind === "resolved" ? i.updateMessageRef : ref(i),
      });
    }
  }
}

export function diff(part: Partial<ConflictDiff>): ConflictDiff {
  return { opened: [], changed: [], resolved: [], ...part };
}

export function planInput(over: Partial<PlanInput> & { diff: ConflictDiff }): PlanInput {
  return {
    states: new Map<string, ConflictState>(),
    ledger: new MemoryLedger(),
    directory: directory(),
    kpis,
    actionsById: actionsById(),
    settings: { adminChannel: "#sightline-admin", orgTimeZone: "Europe/Paris" },
    now: "2026-03-10T12:00:00.000Z",
    sourceLabels: { sheets: "Google Sheets", jira: "Jira" },
    ...over,
  };
}
