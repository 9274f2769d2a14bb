import { makeConflict, notifyList } from "./conflict-kit.js";
import type { ConflictSink, RuleContext } from "./context.js";

/**
 * `dangling_dependency` / `ambiguous_dependency`, one per distinct (relation, ref) of the action:
 * a ref is never silently dropped. Mirror refs are reported the same way with relation `mirrors`.
 */
export function refConflicts(ctx: RuleContext, v: number, out: ConflictSink): void {
  const issues = ctx.refIssuesOf(v);
  if (!issues) return;
  const action = ctx.action(v);
  const seen = new Set<string>();
  for (const issue of issues) {
    const type = issue.kind === "dangling" ? "dangling_dependency" : "ambiguous_dependency";
    const key = `${type}\n${issue.relation}\n${issue.ref}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const verb = issue.relation === "mirrors" ? "is marked as the same work as" : "depends on";
    const message =
      issue.kind === "dangling"
        ? `${action.title} ${verb} “${issue.ref}”, which matches no action in any connected tool, so ` +
          "nothing checks it. Fix the reference or remove it."
        : `${action.title} ${verb} “${issue.ref}”, which matches ${issue.candidates.length} actions ` +
          `(${issue.candidates.join(", ")}). Use the full id to say which one.`;
    out.push(
      makeConflict(type, [action.id, issue.relation, issue.ref], {
        severity: "warning",
        actionId: action.id,
        notify: notifyList(ctx, [ctx.personOf(v)]),
        message,
        facts: { ref: issue.ref, relation: issue.relation, candidates: issue.candidates },
      }),
    );
  }
}
