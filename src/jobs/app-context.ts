import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { loadDirectory, loadKpiCatalog, type SightlineConfig } from "../config/index.js";
import { CalendarDateSchema, todayIn, ValidationError } from "../model/index.js";
import { isPostgresUrl, openStore, type Store, StoreError } from "../store/index.js";

/**
 * Everything one unit of work needs: the validated config, the open store and a clock. The same context
 * serves the in-process runner (embedded default) and the BullMQ workers (distributed mode).
 */
export interface AppContext {
  config: SightlineConfig;
  store: Store;
  /** Where the store lives: a SQLite path or a PostgreSQL URL (which may hold a password: redact to print). */
  location: string;
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
  /**
   * For commands that only read (`conflicts`, `actions`): the store is opened read-only and nothing is written,
   * so they can run beside a sync; the directory and KPIs of the config are laid over the stored ones in memory.
   */
  readOnly?: boolean;
}

/**
 * SIGHTLINE_TODAY pins the calendar day for every command, `serve` and `worker` included: replaying a recorded
 * scenario (or running a rehearsal) with the dates it was written for. A malformed value is refused.
 */
function pinnedToday(env: Readonly<Record<string, string | undefined>>): string | null {
  const raw = env.SIGHTLINE_TODAY;
  if (!raw) return null;
  const parsed = CalendarDateSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError("SIGHTLINE_TODAY", [`expected a calendar date YYYY-MM-DD, got "${raw}"`]);
  }
  return parsed.data;
}

/**
 * Opens the store (applying migrations) and loads the directory and KPI catalog from the config into it,
 * so every job reconciles against the same people and KPIs the admin maintains in files.
 */
export async function openContext(
  config: SightlineConfig,
  opts: OpenContextOptions = {},
): Promise<AppContext> {
  const env = opts.env ?? process.env;
  const path = opts.dbPath ?? databaseLocation(config, env);
  const fixedToday = opts.today ?? pinnedToday(env);
  const store = await (opts.readOnly ? readingStore(config, path) : writingStore(config, path));
  const now = opts.now ?? (() => new Date().toISOString());
  return {
    config,
    store,
    location: path,
    now,
    today: () => fixedToday ?? todayIn(config.organisation.timeZone, new Date(now())),
    env,
  };
}

/**
 * Where the store lives: SIGHTLINE_DATABASE_URL (the whole URL, secret included, from the environment), else
 * the config's PostgreSQL `url` with the password from `passwordEnv`, else the SQLite file at `path`.
 */
export function databaseLocation(
  config: SightlineConfig,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const fromEnv = env.SIGHTLINE_DATABASE_URL;
  if (fromEnv) return fromEnv;
  const { url, passwordEnv, path } = config.database;
  if (url === null) return path;
  if (passwordEnv === null) return url;
  const password = env[passwordEnv];
  if (!password) {
    throw new StoreError(
      "store_password_missing",
      `database.passwordEnv names ${passwordEnv}, which is not set: export it, or set SIGHTLINE_DATABASE_URL`,
    );
  }
  const withPassword = new URL(url);
  withPassword.password = password;
  return withPassword.toString();
}

async function writingStore(config: SightlineConfig, path: string): Promise<Store> {
  // The embedded default must work on a fresh checkout: the database's folder may not exist yet.
  if (path !== ":memory:" && !isPostgresUrl(path)) makeFolder(dirname(path));
  const store = await openStore(path);
  try {
    await store.directory.replace(loadDirectory(config));
    await store.directory.replaceKpis(loadKpiCatalog(config));
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** What `writingStore` would write, applied in memory only. */
async function readingStore(config: SightlineConfig, path: string): Promise<Store> {
  const directory = loadDirectory(config);
  const catalog = loadKpiCatalog(config);
  const store = await openStore(path, { readOnly: true });
  return {
    ...store,
    directory: {
      ...store.directory,
      load: () => store.directory.load(directory),
      loadKpis: () => store.directory.loadKpis(catalog),
    },
  };
}

function makeFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (cause) {
    const reason = cause instanceof Error && "code" in cause ? ` (${String(cause.code)})` : "";
    throw new StoreError(
      "store_folder_unwritable",
      `cannot create the database folder ${folder}${reason}: create it, or point --db / SIGHTLINE_DB / database.path elsewhere`,
      { cause },
    );
  }
}
