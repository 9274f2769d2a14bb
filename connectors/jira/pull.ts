import type { PersonInput } from "../../src/model/index.js";
import type { PageItem, SyncPage } from "../../src/sync/contract.js";
import { type SearchPage, search } from "./client.js";
import type { JiraConnectorConfig } from "./config.js";
import { type CachedFields, type JiraCursor, parseCursor } from "./cursor.js";
import { JiraError } from "./errors.js";
import { requestedFields } from "./fields.js";
import { fullJql, incrementalJql, normaliseJql, parseJiraTimestamp } from "./jql.js";
import { mapContextFor, mapJiraIssue } from "./map.js";
import type { JiraTransport } from "./transport.js";

export interface PullDeps {
  config: JiraConnectorConfig;
  transport: JiraTransport;
  now: () => Date;
  /** Force a full pass (CLI `--full`): every matching issue, then soft-delete what is gone. */
  fullScan: boolean;
  /** Field ids: from the cursor when fresh, else resolved through /field (one extra request). */
  fields: (fromCursor: CachedFields | null, signal?: AbortSignal) => Promise<CachedFields>;
}

/** Whether this run lists the whole scope (and may therefore end with `snapshotComplete`). */
export function isFullRun(prev: JiraCursor | null, jql: string, force: boolean, everyMin: number, now: Date) {
  if (force || !prev || prev.jql !== jql || prev.watermark === null || prev.lastFullScanAt === null)
    return true;
  const elapsed = now.getTime() - Date.parse(prev.lastFullScanAt);
  // A last full scan "in the future" means the clock moved back: scan rather than trust it.
  return elapsed < 0 || elapsed >= everyMin * 60_000;
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  const ia = parseJiraTimestamp(a);
  const ib = parseJiraTimestamp(b);
  if (!ia) return b;
  if (!ib) return a;
  return ib.epochMs > ia.epochMs ? b : a;
}

/**
 * Pages of the instance's issues, oldest change first. Incremental runs ask for `updated >= watermark -
 * lookback`; a full run (first run, changed JQL, `fullScan`, or every `fullScanEveryMinutes`) asks for the
 * whole scope and marks its last page `snapshotComplete`. Each page carries the cursor to commit with it,
 * so a failed page leaves the stored cursor at the last committed page.
 */
export async function* pullJira(
  deps: PullDeps,
  cursorIn: unknown,
  signal?: AbortSignal,
): AsyncGenerator<SyncPage<JiraCursor>> {
  const { config, transport } = deps;
  const runStart = deps.now();
  const jql = normaliseJql(config.jql);
  const prev = deps.fullScan ? safeParse(cursorIn, config.id) : parseCursor(cursorIn, config.id);
  const sameScope = prev !== null && prev.jql === jql;
  const full = isFullRun(prev, jql, deps.fullScan, config.fullScanEveryMinutes, runStart);
  const fields = await deps.fields(prev?.fields ?? null, signal);
  const ctx = mapContextFor(config, fields.ids);

  let watermark = sameScope ? (prev?.watermark ?? null) : null;
  const since = watermark === null ? null : parseJiraTimestamp(watermark);
  const query = full || since === null ? fullJql(jql) : incrementalJql(jql, since, config.lookbackMinutes);
  const fieldList = requestedFields(fields.ids);
  let lastFullScanAt = sameScope ? (prev?.lastFullScanAt ?? null) : null;

  let after: SearchPage["next"] = null;
  const seenTokens = new Set<string>();
  const yielded = new Set<string>();
  for (let pageNo = 1; ; pageNo++) {
    if (pageNo > config.maxPages) {
      throw new JiraError(
        "jira_page_guard",
        `Connector ${config.id} stopped after ${config.maxPages} pages of ${config.pageSize} issues: raise ` +
          `maxPages or narrow the JQL. Pages already read are kept (watermark ${watermark ?? "none"})`,
      );
    }
    const page = await search(
      config.deployment,
      transport,
      { jql: query, fields: fieldList, maxResults: config.pageSize, ...(after ? { after } : {}) },
      signal,
    );
    if (page.next && "token" in page.next) {
      if (seenTokens.has(page.next.token)) {
        throw new JiraError(
          "jira_pagination_loop",
          `Jira returned the same nextPageToken twice for connector ${config.id}; stopping instead of looping`,
        );
      }
      seenTokens.add(page.next.token);
    }

    const where = `${config.id} search page ${pageNo}`;
    const items: PageItem[] = [];
    const people = new Map<string, PersonInput>();
    for (const raw of page.issues) {
      const mapped = mapJiraIssue(raw, ctx, where);
      // An issue edited during the run moves behind the others and comes again. The engine would quarantine
      // the second copy as a duplicate; skipping it (and its timestamp, so the watermark stays below it)
      // leaves the newer version to the next incremental run.
      if (mapped.key !== null) {
        if (yielded.has(mapped.key)) continue;
        yielded.add(mapped.key);
      }
      items.push(mapped.item);
      if (mapped.person) people.set(mapped.person.id, mapped.person);
      watermark = later(watermark, mapped.updatedRaw);
    }
    const last = page.next === null;
    if (last && full) lastFullScanAt = runStart.toISOString();

    const out: SyncPage<JiraCursor> = {
      items,
      cursor: { v: 1, jql, watermark, lastFullScanAt, fields },
      people: [...people.values()],
    };
    if (last && full) out.snapshotComplete = true;
    yield out;
    if (last) return;
    after = page.next;
  }
}

/** With `fullScan` a broken cursor is simply replaced: the run starts from nothing anyway. */
function safeParse(value: unknown, instance: string): JiraCursor | null {
  try {
    return parseCursor(value, instance);
  } catch (error) {
    if (error instanceof JiraError && error.code === "jira_bad_cursor") return null;
    throw error;
  }
}
