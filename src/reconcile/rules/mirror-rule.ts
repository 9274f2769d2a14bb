import { NONE } from "../codes.js";
import { human, isoOrNull, plural } from "../dates.js";
import { makeConflict, notifyList } from "./conflict-kit.js";
import type { ConflictSink, RuleContext } from "./context.js";

/**
 * `source_disagreement`: two actions linked by a `mirrors` ref (either direction) whose due dates are both
 * set and differ. One conflict per pair, owned by the action with the smaller id, so it is found once.
 */
export function mirrorConflicts(ctx: RuleContext, v: number, out: ConflictSink): void {
  const partners = ctx.mirrorPartners(v);
  if (partners.length === 0) return;
  const { nodes } = ctx;
  const a = ctx.action(v);
  const dueA = nodes.due[v]!;
  for (const p of partners) {
    const b = ctx.action(p);
    const dueB = nodes.due[p]!;
    if (!(a.id < b.id) || dueA === NONE || dueB === NONE || dueA === dueB) continue;
    const apart = Math.abs(dueA - dueB);
    out.push(
      makeConflict("source_disagreement", [a.id, b.id], {
        severity: "warning",
        actionId: a.id,
        actionIds: [a.id, b.id],
        notify: notifyList(ctx, [ctx.personOf(v), ctx.personOf(p)]),
        message:
          `${a.title} is due ${human(dueA)} in ${a.source.instance}, but the same work in ` +
          `${b.source.instance} (${b.title}) is due ${human(dueB)}: ${plural(apart, "day")} apart. ` +
          "Agree on one date.",
        facts: {
          dueA: isoOrNull(dueA),
          dueB: isoOrNull(dueB),
          daysApart: apart,
          instanceA: a.source.instance,
          instanceB: b.source.instance,
        },
      }),
    );
  }
}
