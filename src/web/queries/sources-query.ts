import { relative } from "node:path";
import type { AppContext } from "../../jobs/app-context.js";
import type { SourceStatus } from "../api/schemas.js";

/** Quarantined rows shown per source; the total is always given, the rest are a query away. */
export const QUARANTINE_SHOWN = 100;

async function quarantined(ctx: AppContext, instance: string): Promise<SourceStatus["quarantine"]> {
  const items = (await ctx.store.sync.quarantine(instance, { limit: QUARANTINE_SHOWN })).map(
    ({ instance: _i, ...item }) => item,
  );
  return { total: await ctx.store.sync.countQuarantine(instance), items };
}

/** A sheets or csv instance's mapping file, relative to the config folder. */
export function mappingFileOf(ctx: AppContext, options: Record<string, unknown>): string | null {
  const mapping = options.mapping;
  return typeof mapping === "string" ? relative(ctx.config.dir, mapping) : null;
}

/** Every configured connector instance (and any the store still remembers), with its last run and problems. */
export async function listSources(ctx: AppContext): Promise<SourceStatus[]> {
  const states = new Map((await ctx.store.sync.states()).map((s) => [s.instance, s]));
  const counts = await ctx.store.reads.actionCounts();
  const ids = [...new Set([...ctx.config.connectors.map((c) => c.id), ...states.keys()])];
  const quarantines = new Map<string, SourceStatus["quarantine"]>();
  for (const id of ids) quarantines.set(id, await quarantined(ctx, id));
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
      quarantine: quarantines.get(id) ?? { total: 0, items: [] },
    };
  });
}
