import type { AppContext } from "../../jobs/app-context.js";
import type { Conflict } from "../../model/index.js";
import { compareConflicts, reconcile } from "../../reconcile/index.js";
import { conflictOnly } from "../../store/conflict-repo.js";
import { isPostgresUrl, redactDatabaseUrl } from "../../store/index.js";
import { CliUsageError, type Io } from "../cli-context.js";
import { conflictJson } from "../format/conflict-json.js";
import { conflictsText } from "../format/conflicts-text.js";

interface Listed {
  conflicts: (Conflict & { status: string })[];
  asOf: string;
  /** What the figures come from, said on the first line of the text output. */
  basis: string;
}

/** The recorded state: unresolved conflicts as the last `reconcile` stored them, the day it forecast on. */
async function recorded(ctx: AppContext): Promise<Listed> {
  const run = await ctx.store.conflicts.lastRun();
  if (run === null) {
    throw new CliUsageError(
      `no reconcile has been recorded in ${isPostgresUrl(ctx.location) ? redactDatabaseUrl(ctx.location) : ctx.location} yet: run \`sightline reconcile\` to record one, ` +
        "or `sightline conflicts --today` to compute them now without recording",
    );
  }
  const stored = await ctx.store.conflicts.list({ status: ["open", "acknowledged", "snoozed"] });
  return {
    conflicts: stored.map((c) => ({ ...conflictOnly(c), status: c.status })).sort(compareConflicts),
    asOf: run.asOf,
    basis: `recorded by \`reconcile\` at ${run.at}; --today recomputes`,
  };
}

/** A fresh reconcile on `today`, recorded nowhere: statuses are the stored ones where the conflict is known. */
async function recomputed(ctx: AppContext, today: string): Promise<Listed> {
  const { store } = ctx;
  const result = reconcile({
    actions: await store.actions.list(),
    directory: await store.directory.load(),
    kpis: await store.directory.loadKpis(),
    today,
    overrides: await store.conflicts.overrides(),
    forecastUnstarted: ctx.config.reconcile.forecastUnstarted,
  });
  const states = await store.conflicts.states();
  return {
    conflicts: result.conflicts.map((c) => {
      const known = states.get(c.fingerprint)?.status;
      return { ...c, status: known === undefined || known === "resolved" ? "open" : known };
    }),
    asOf: today,
    basis: "recomputed now, not recorded",
  };
}

export async function conflictsNow(
  ctx: AppContext,
  io: Io,
  opts: { json: boolean; today: string | true | undefined },
): Promise<void> {
  const listed =
    opts.today === undefined
      ? await recorded(ctx)
      : await recomputed(ctx, opts.today === true ? ctx.today() : opts.today);
  if (opts.json) {
    const rows = listed.conflicts.map((c) => ({ ...conflictJson(c), status: c.status, asOf: listed.asOf }));
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const titles = await ctx.store.reads.summaries(listed.conflicts.flatMap((c) => c.path));
  const titleOf = (id: string) => titles.get(id)?.title ?? id;
  io.out(`Conflicts as of ${listed.asOf} (${listed.basis})\n\n`);
  io.out(`${conflictsText(listed.conflicts, titleOf, ctx.config.organisation.currency)}\n`);
}
