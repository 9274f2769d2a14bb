import { relative } from "node:path";
import { sql } from "drizzle-orm";
import type { AppContext } from "../../jobs/app-context.js";
import { actions } from "../../store/schema-actions.js";
import type { SourceStatus } from "../api/schemas.js";

/** Quarantined rows shown per source; the total is always given, the rest are a query away. */
export const QUARANTINE_SHOWN = 100;

function actionCounts(ctx: AppContext): Map<string, { active: number; removed: number }> {
  const rows = ctx.store.db
    .select({
      instance: actions.sourceInstance,
      active: sql<number>`sum(case when ${actions.removedAt} is null then 1 else 0 end)`,
      removed: sql<number>`sum(case when ${actions.removedAt} is not null then 1 else 0 end)`,
    })
    .from(actions)
    .groupBy(actions.sourceInstance)
    .all();
  return new Map(rows.map((r) => [r.instance, { active: r.active, removed: r.removed }]));
}

function quarantined(ctx: AppContext, instance: string): SourceStatus["quarantine"] {
  const items = ctx.store
    .listQuarantine(instance, { limit: QUARANTINE_SHOWN })
    .map(({ instance: _i, ...item }) => item);
  return { total: ctx.store.countQuarantine(instance), items };
}

/** A sheets or csv instance's mapping file, relative to the config folder. */
export function mappingFileOf(ctx: AppContext, options: Record<string, unknown>): string | null {
  const mapping = options.mapping;
  return typeof mapping === "string" ? relative(ctx.config.dir, mapping) : null;
}

/** Every configured connector instance (and any the store still remembers), with its last run and problems. */
export function listSources(ctx: AppContext): SourceStatus[] {
  const states = new Map(ctx.store.listSyncState().map((s) => [s.instance, s]));
  const counts = actionCounts(ctx);
  const ids = [...new Set([...ctx.config.connectors.map((c) => c.id), ...states.keys()])];
  return ids.map((id) => {
    const config = ctx.config.connectors.find((c) => c.id === id);
    const state = states.get(id);
    return {
      id,
      kind: config?.kind ?? state?.kind ?? "unknown",
      enabled: config?.enabled ?? false,
      configured: config !== undefined,
      syncEveryMinutes: config?.syncEveryMinutes ?? null,
      mappingFile: config ? mappingFileOf(ctx, config) : null,
      lastRun: state
        ? {
            status: state.status,
            message: state.message,
            startedAt: state.startedAt,
            finishedAt: state.finishedAt,
            pages: state.pages,
            inserted: state.inserted,
            updated: state.updated,
            unchanged: state.unchanged,
            quarantined: state.quarantined,
            removed: state.removed,
          }
        : null,
      cursor: state?.cursor ?? null,
      cursorAt: state?.cursorAt ?? null,
      actions: counts.get(id) ?? { active: 0, removed: 0 },
      quarantine: quarantined(ctx, id),
    };
  });
}
