import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { type JiraConnectorConfig, parseJiraConfig } from "../../../../connectors/jira/config.js";
import type { JiraMapContext } from "../../../../connectors/jira/map.js";
import { mapContextFor } from "../../../../connectors/jira/map.js";
import { ActionRecordSchema } from "../../../../src/model/index.js";
import type { PageItem, SyncPage } from "../../../../src/sync/contract.js";

export const SITE = "https://acmepay.atlassian.net";
export const DC_SITE = "https://jira.acmepay.example";
/** In the demo directory (fixtures/demo/people.yaml) with their Jira account ids. */
export const PRIYA = "5f1c2a9e8b7d4c0012a3b4c5";
export const TOMASZ = "5f1c2a9e8b7d4c0012a3b4c6";
/** Not in the directory: Jira reveals him. */
export const JONAS = "712020:0b7d3e2a-6c4f-4a1b-8e9d-5f6a7b8c9d0a";
export const TOKEN = "ATATT3xFfGF0-secret-api-token";
export const ENV = {
  JIRA_EMAIL: "sync-bot@acmepay.example",
  JIRA_API_TOKEN: TOKEN,
  JIRA_WEBHOOK_SECRET: "whsec",
};

const root = fileURLToPath(new URL("../../../../fixtures/jira/", import.meta.url));

/** A recorded payload, parsed from JSON. */
export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(`${root}${name}`, "utf8"));
}

export function fixtureText(name: string): string {
  return readFileSync(`${root}${name}`, "utf8");
}

const IssuesSchema = z.object({ issues: z.array(z.unknown()) });
const ObjectSchema = z.record(z.string(), z.unknown());

/** A recorded payload that is a JSON object. */
export function fixtureObject(name: string): Record<string, unknown> {
  return ObjectSchema.parse(fixture(name));
}

/** The error `fn` throws (or rejects with), checked to be of class `type`. */
export async function caught<E extends Error>(
  fn: () => unknown,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name} to be thrown`);
}

/** The issues of a recorded search page. */
export function fixtureIssues(name: string): unknown[] {
  return IssuesSchema.parse(fixture(name)).issues;
}

export function config(overrides: Record<string, unknown> = {}): JiraConnectorConfig {
  return parseJiraConfig(
    {
      id: "jira-eng",
      kind: "jira",
      baseUrl: SITE,
      auth: { type: "basic", emailEnv: "JIRA_EMAIL", tokenEnv: "JIRA_API_TOKEN" },
      jql: "project = PAY",
      kpiFrom: { labelsPrefix: "kpi:" },
      teamFrom: { fixed: "Engineering" },
      businessUnit: "Payments",
      webhookSecretEnv: "JIRA_WEBHOOK_SECRET",
      ...overrides,
    },
    "test config",
  );
}

export const START_FIELD = "customfield_10015";

export function context(
  overrides: Record<string, unknown> = {},
  start: string | null = START_FIELD,
): JiraMapContext {
  return mapContextFor(config(overrides), { start, kpi: null, team: null });
}

/** The record of a mapped item, validated the way the engine validates it. */
export function recordOf(item: PageItem) {
  if (item.kind !== "record") throw new Error(`expected a record, got rejected: ${item.reason}`);
  return ActionRecordSchema.parse(item.record);
}

export async function collect<T>(pages: AsyncIterable<SyncPage<T>>): Promise<SyncPage<T>[]> {
  const out: SyncPage<T>[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

/**
 * Stands in for the engine: commits each page's cursor as it arrives, so a failure mid-run leaves the
 * cursor of the last page that made it.
 */
export async function runLikeEngine<T>(
  pages: AsyncIterable<SyncPage<T>>,
  stored: { cursor: T | null },
): Promise<{ pages: SyncPage<T>[]; error: unknown }> {
  const seen: SyncPage<T>[] = [];
  try {
    for await (const p of pages) {
      seen.push(p);
      stored.cursor = p.cursor;
    }
    return { pages: seen, error: null };
  } catch (error) {
    return { pages: seen, error };
  }
}
