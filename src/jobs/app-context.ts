import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { loadDirectory, loadKpiCatalog, type SightlineConfig } from "../config/index.js";
import { todayIn } from "../model/index.js";
import { openStore, type Store } from "../store/index.js";

/**
 * Everything one unit of work needs: the validated config, the open store and a clock. The same context
 * serves the in-process runner (embedded default) and the BullMQ workers (distributed mode).
 */
export interface AppContext {
  config: SightlineConfig;
  store: Store;
  /** ISO instant; fixed in the demo and in tests. */
  now(): string;
  /** The organisation's calendar date. */
  today(): string;
  /** Where secrets come from (connectors read the variables their config names). */
  env: Readonly<Record<string, string | undefined>>;
}

export interface OpenContextOptions {
  /** Overrides the config's database path (`--db`, SIGHTLINE_DB). */
  dbPath?: string | null;
  now?: () => string;
  today?: string | null;
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Opens the store (applying migrations) and loads the directory and KPI catalog from the config into it,
 * so every job reconciles against the same people and KPIs the admin maintains in files.
 */
export function openContext(config: SightlineConfig, opts: OpenContextOptions = {}): AppContext {
  const path = opts.dbPath ?? config.database.path;
  // The embedded default must work on a fresh checkout: the database's folder may not exist yet.
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const store = openStore(path);
  try {
    store.replaceDirectory(loadDirectory(config));
    store.replaceKpis(loadKpiCatalog(config));
  } catch (error) {
    store.close();
    throw error;
  }
  const now = opts.now ?? (() => new Date().toISOString());
  const fixedToday = opts.today ?? null;
  return {
    config,
    store,
    now,
    today: () => fixedToday ?? todayIn(config.organisation.timeZone, new Date(now())),
    env: opts.env ?? process.env,
  };
}
