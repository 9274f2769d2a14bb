/** The origin of what the config file lists (its people file's teams, its KPI catalog). */
export const CONFIG_ORIGIN = "config";

/**
 * One entry per name out of rows kept per (origin, name): the config's own entry when there is one (what the
 * admin wrote wins), else the first origin in name order, so two connectors sending one KPI always give the same
 * answer. The result is ordered by name.
 */
export function mergeByOrigin<T extends { origin: string }>(
  rows: readonly T[],
  nameOf: (row: T) => string,
): T[] {
  const chosen = new Map<string, T>();
  for (const row of rows) {
    const name = nameOf(row);
    const held = chosen.get(name);
    if (held === undefined || rank(row.origin) < rank(held.origin)) chosen.set(name, row);
  }
  return [...chosen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/** Sorts `config` before every connector instance, instances by name. */
function rank(origin: string): string {
  return origin === CONFIG_ORIGIN ? "" : `~${origin}`;
}

/** The stored rows with the config's replaced by `catalog` (a config read but not written, read-only commands). */
export function withConfigCatalog<T extends { origin: string }>(
  rows: readonly T[],
  catalog: readonly T[],
): T[] {
  return [...rows.filter((r) => r.origin !== CONFIG_ORIGIN), ...catalog];
}
