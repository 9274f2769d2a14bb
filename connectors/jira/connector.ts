import type { PersonInput, Source } from "../../src/model/index.js";
import type { CheckResult, Connector, DateChange, PageItem, SyncPage } from "../../src/sync/contract.js";
import { resolveAuth } from "./auth.js";
import { editIssueFields, getIssue, listFields, myself, search } from "./client.js";
import type { JiraConnectorConfig } from "./config.js";
import { type CachedFields, fieldsAreFresh, type JiraCursor, JiraCursorSchema } from "./cursor.js";
import { JiraError } from "./errors.js";
import { fieldNamesOf, fieldNamesSignature, requestedFields, resolveFieldIds } from "./fields.js";
import { normaliseJql, scopedToIssues } from "./jql.js";
import { type JiraMapContext, mapContextFor, mapJiraIssue } from "./map.js";
import { pullJira } from "./pull.js";
import { KeyOnlyIssueSchema } from "./raw-schema.js";
import { createRecordedJiraTransport } from "./recorded-transport.js";
import { createJiraTransport, type JiraTransport, type TransportDeps } from "./transport.js";
import { dateChangeFields } from "./write-back.js";

export interface JiraConnectorDeps extends TransportDeps {
  /** Where secrets are read from, once, here. Defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  /** The organisation's IANA zone: a datetime start field is written at noon there. Defaults to UTC. */
  timeZone?: string;
  /** Force the next pulls to be full passes (CLI `sync --full`). */
  fullScan?: boolean;
  /** Things an admin should know that are not errors (a missing start-date field). Defaults to stderr. */
  notice?: (message: string) => void;
}

export interface JiraConnector extends Connector<JiraCursor> {
  readonly config: JiraConnectorConfig;
  /** HTTP requests made so far, retries included. */
  readonly requestCount: number;
  /** Every key the JQL matches now, a page at a time (fields=key: up to 5000 per Cloud page). */
  listKeys(signal?: AbortSignal): AsyncIterable<string[]>;
  /** One issue as Jira holds it now, mapped; for webhook link events and write-back. */
  fetchIssue(idOrKey: string, signal?: AbortSignal): Promise<{ item: PageItem; people: PersonInput[] }>;
  /** The given issues (ids or keys) that match the instance's JQL, mapped; one search request. */
  fetchInScope(
    idsOrKeys: readonly string[],
    signal?: AbortSignal,
  ): Promise<{ items: PageItem[]; people: PersonInput[] }>;
  /** The mapper's context, resolving field ids if this process has not yet. */
  mapContext(signal?: AbortSignal): Promise<JiraMapContext>;
  /** Seeds the field-id cache from a stored cursor so the server process skips the /field call. */
  primeFromCursor(cursor: unknown): void;
  /** The webhook secret read at construction; throws when webhookSecretEnv is unset or empty. */
  webhookSecret(): string;
}

/** Recorded responses when the config says so (no credentials read), Jira over HTTP otherwise. */
function createTransport(
  config: JiraConnectorConfig,
  env: Readonly<Record<string, string | undefined>>,
  deps: TransportDeps,
): JiraTransport {
  if (config.recorded !== undefined) {
    return createRecordedJiraTransport(config.recorded, { instance: config.id, baseUrl: config.baseUrl });
  }
  if (config.auth === undefined) {
    throw new JiraError(
      "jira_config_invalid",
      `Connector ${config.id} has no auth: name its credentials' variables`,
    );
  }
  const auth = resolveAuth(config.auth, env, config.id);
  return createJiraTransport({
    ...deps,
    instance: config.id,
    baseUrl: config.baseUrl,
    authorization: auth.authorization,
    authHint: auth.hint,
    policy: config.retry,
  });
}

export function createJiraConnector(
  config: JiraConnectorConfig,
  deps: JiraConnectorDeps = {},
): JiraConnector {
  const env = deps.env ?? process.env;
  const now = deps.now ?? (() => new Date());
  const notice = deps.notice ?? ((m: string) => process.stderr.write(`[${config.id}] ${m}\n`));
  const secretValue = config.webhookSecretEnv ? env[config.webhookSecretEnv]?.trim() || null : null;
  const transport = createTransport(config, env, { ...deps, nowMs: deps.nowMs ?? (() => now().getTime()) });
  const source: Source = { kind: "jira", instance: config.id };
  const signature = fieldNamesSignature(fieldNamesOf(config));
  let cached: CachedFields | null = null;

  async function fields(fromCursor: CachedFields | null, signal?: AbortSignal): Promise<CachedFields> {
    const at = now();
    if (fieldsAreFresh(fromCursor, signature, config.fieldCacheHours, at)) {
      cached = fromCursor;
      return fromCursor;
    }
    if (fieldsAreFresh(cached, signature, config.fieldCacheHours, at)) return cached;
    const list = await listFields(config.deployment, transport, signal);
    const { ids, notices } = resolveFieldIds(list, fieldNamesOf(config));
    for (const n of notices) notice(n);
    cached = { signature, resolvedAt: at.toISOString(), ids };
    return cached;
  }

  async function fetchIssue(idOrKey: string, signal?: AbortSignal) {
    const f = await fields(null, signal);
    const raw = await getIssue(config.deployment, transport, idOrKey, requestedFields(f.ids), signal);
    const mapped = mapJiraIssue(raw, mapContextFor(config, f.ids), `${config.id} issue ${idOrKey}`);
    return { item: mapped.item, people: mapped.person ? [mapped.person] : [] };
  }

  return {
    source,
    config,
    get requestCount() {
      return transport.requestCount;
    },

    async check(signal?: AbortSignal): Promise<CheckResult> {
      try {
        const me = await myself(config.deployment, transport, signal);
        const f = await fields(null, signal);
        const jql = normaliseJql(config.jql);
        await search(config.deployment, transport, { jql, fields: ["key"], maxResults: 1 }, signal);
        const who = me.displayName ?? me.accountId ?? me.name ?? "an unnamed account";
        const start = f.ids.start
          ? `start date from ${f.ids.start}`
          : "no start-date field (starts stay empty)";
        return { ok: true, detail: `signed in to ${config.baseUrl} as ${who}; JQL accepted; ${start}` };
      } catch (error) {
        if (error instanceof JiraError) return { ok: false, detail: error.message };
        throw error;
      }
    },

    pull(cursor: JiraCursor | null, signal?: AbortSignal): AsyncIterable<SyncPage<JiraCursor>> {
      return pullJira({ config, transport, now, fullScan: deps.fullScan ?? false, fields }, cursor, signal);
    },

    async writeBack(nativeKey: string, change: DateChange, signal?: AbortSignal): Promise<PageItem> {
      const f = await fields(null, signal);
      const body = dateChangeFields(nativeKey, change, f.ids, config.id, deps.timeZone ?? "UTC");
      await editIssueFields(config.deployment, transport, nativeKey, body, signal);
      // Re-read: Jira may normalise the value or a workflow may touch other fields; store what Jira holds.
      return (await fetchIssue(nativeKey, signal)).item;
    },

    async *listKeys(signal?: AbortSignal): AsyncIterable<string[]> {
      const jql = `(${normaliseJql(config.jql)}) ORDER BY key ASC`;
      const maxResults =
        config.deployment === "cloud" ? 5000 : Math.min(1000, Math.max(config.pageSize, 100));
      let after: { token: string } | { startAt: number } | null = null;
      for (let page = 1; ; page++) {
        if (page > config.maxPages) {
          throw new JiraError(
            "jira_page_guard",
            `Listing keys of ${config.id} took more than maxPages pages`,
          );
        }
        const res = await search(
          config.deployment,
          transport,
          { jql, fields: ["key"], maxResults, ...(after ? { after } : {}) },
          signal,
        );
        yield res.issues.map((raw, i) => {
          const parsed = KeyOnlyIssueSchema.safeParse(raw);
          if (!parsed.success) {
            throw new JiraError("jira_bad_response", `Key listing page ${page} item ${i} has no issue key`);
          }
          return parsed.data.key;
        });
        if (!res.next) return;
        after = res.next;
      }
    },

    fetchIssue,

    async fetchInScope(idsOrKeys: readonly string[], signal?: AbortSignal) {
      if (idsOrKeys.length === 0) return { items: [], people: [] };
      const f = await fields(null, signal);
      const res = await search(
        config.deployment,
        transport,
        {
          jql: scopedToIssues(config.jql, idsOrKeys),
          fields: requestedFields(f.ids),
          maxResults: idsOrKeys.length,
          // Re-reads follow a webhook: the search index may not hold the change yet (see client.ts).
          reconcile: idsOrKeys,
        },
        signal,
      );
      const ctx = mapContextFor(config, f.ids);
      const mapped = res.issues.map((raw) => mapJiraIssue(raw, ctx, `${config.id} re-read`));
      return {
        items: mapped.map((m) => m.item),
        people: mapped.flatMap((m) => (m.person ? [m.person] : [])),
      };
    },

    async mapContext(signal?: AbortSignal) {
      return mapContextFor(config, (await fields(null, signal)).ids);
    },

    primeFromCursor(cursor: unknown) {
      // Only an optimisation: an unusable cursor just means the first webhook pays for one /field call.
      const parsed = JiraCursorSchema.safeParse(cursor);
      const f = parsed.success ? parsed.data.fields : null;
      if (fieldsAreFresh(f, signature, config.fieldCacheHours, now())) cached = f;
    },

    webhookSecret(): string {
      if (!secretValue) {
        throw new JiraError(
          "jira_missing_secret",
          config.webhookSecretEnv
            ? `Connector ${config.id}: environment variable ${config.webhookSecretEnv} (webhook secret) is not set`
            : `Connector ${config.id} has no webhookSecretEnv: webhooks cannot be verified, so none are accepted`,
        );
      }
      return secretValue;
    },
  };
}
