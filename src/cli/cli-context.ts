import type { AppContext, OpenContextOptions } from "../jobs/app-context.js";
import { SightlineError } from "../model/errors.js";

export interface GlobalOptions {
  config: string;
  db?: string;
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTty: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: process.stdout.isTTY === true,
  env: process.env,
};

/** Loads the config, opens the store, runs `fn` and always closes the store (WAL checkpoint on close). */
export async function withContext<T>(
  global: GlobalOptions,
  io: Io,
  fn: (ctx: AppContext) => Promise<T> | T,
  extra: OpenContextOptions = {},
): Promise<T> {
  // Loaded when a command runs, not when the CLI starts: `--help` never pays for the store and connectors.
  const [{ loadAppConfig }, { openContext }] = await Promise.all([
    import("../jobs/load-app-config.js"),
    import("../jobs/app-context.js"),
  ]);
  const config = loadAppConfig(global.config, io.env);
  const ctx = await openContext(config, {
    dbPath: global.db ?? (io.env.SIGHTLINE_DB || null),
    env: io.env,
    ...extra,
  });
  try {
    return await fn(ctx);
  } finally {
    await ctx.store.close();
  }
}

/** A command used the wrong way (missing option, malformed value): printed without a stack. */
export class CliUsageError extends SightlineError {
  constructor(message: string) {
    super("cli_usage", message);
  }
}
