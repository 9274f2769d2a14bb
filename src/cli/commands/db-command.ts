import type { Command } from "commander";
import { CliUsageError, type GlobalOptions, type Io, withContext } from "../cli-context.js";

interface CopyOptions {
  from: string;
  to?: string;
}

/**
 * `sightline db migrate`: creates or brings the store's schema up to date and exits, so a deployment can
 * migrate once before starting `serve` and the workers (they also migrate when they open the store, under a
 * lock, so this is a convenience, not a requirement). `sightline db copy`: moves a SQLite store to PostgreSQL.
 */
export function registerDb(program: Command, io: Io): void {
  const db = program.command("db").description("the store's database");
  db.command("migrate")
    .description("create the database's tables or bring them up to date, then exit")
    .action(async () => {
      const { isPostgresUrl, redactDatabaseUrl } = await import("../../store/index.js");
      await withContext(program.opts<GlobalOptions>(), io, async (ctx) => {
        const where = isPostgresUrl(ctx.location) ? redactDatabaseUrl(ctx.location) : ctx.location;
        const states = await ctx.store.sync.states();
        io.out(`${where}: up to date (${states.length} connector instance(s) recorded)\n`);
      });
    });
  db.command("copy")
    .description("copy a SQLite store, history included, into an empty PostgreSQL database")
    .requiredOption("--from <sqlite>", "the SQLite store: sqlite:<path> or a path")
    .option(
      "--to <postgres-url>",
      "the PostgreSQL database (no password: PGPASSWORD); the configured database by default",
    )
    .action(async (opts: CopyOptions) => {
      const [
        { databaseLocation },
        { loadAppConfig },
        { copySqliteToPostgres, isPostgresUrl, redactDatabaseUrl },
      ] = await Promise.all([
        import("../../jobs/app-context.js"),
        import("../../jobs/load-app-config.js"),
        import("../../store/index.js"),
      ]);
      const from = opts.from.replace(/^sqlite:(\/\/)?/i, "");
      const to =
        opts.to ?? databaseLocation(loadAppConfig(program.opts<GlobalOptions>().config, io.env), io.env);
      if (!isPostgresUrl(to)) {
        throw new CliUsageError(
          `db copy writes to PostgreSQL: give --to postgres://… or set SIGHTLINE_DATABASE_URL / database.url (got ${to})`,
        );
      }
      // A command line shows in `ps` and in shell history: the password comes from the environment.
      if (opts.to !== undefined && new URL(opts.to).password !== "") {
        throw new CliUsageError(
          "--to must not carry a password (it would show in ps and shell history): set PGPASSWORD, or SIGHTLINE_DATABASE_URL",
        );
      }
      const report = await copySqliteToPostgres(from, to);
      const width = Math.max(...report.tables.map((t) => t.name.length));
      for (const t of report.tables) io.out(`${t.name.padEnd(width)}  ${t.rows}\n`);
      const total = report.tables.reduce((n, t) => n + t.rows, 0);
      io.out(`copied ${total} rows from ${from} to ${redactDatabaseUrl(to)}\n`);
    });
}
