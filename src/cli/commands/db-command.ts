import type { Command } from "commander";
import { redactUrl } from "../../store/index.js";
import { type GlobalOptions, type Io, withContext } from "../cli-context.js";

/**
 * `sightline db migrate`: creates or brings the store's schema up to date and exits, so a deployment can
 * migrate once before starting `serve` and the workers (they also migrate when they open the store, under a
 * lock, so this is a convenience, not a requirement).
 */
export function registerDb(program: Command, io: Io): void {
  const db = program.command("db").description("the store's database");
  db.command("migrate")
    .description("create the database's tables or bring them up to date, then exit")
    .action(async () => {
      await withContext(program.opts<GlobalOptions>(), io, async (ctx) => {
        const where = ctx.location.startsWith("postgres") ? redactUrl(ctx.location) : ctx.location;
        const states = await ctx.store.sync.states();
        io.out(`${where}: up to date (${states.length} connector instance(s) recorded)\n`);
      });
    });
}
