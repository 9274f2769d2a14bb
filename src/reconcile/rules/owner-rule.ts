import type { Conflict } from "../../model/index.js";
import { FLAG_CLOSED } from "../codes.js";
import { makeConflict, notifyList } from "./conflict-kit.js";
import type { RuleContext } from "./context.js";

/**
 * `ownership_vacuum` for a not-closed action whose owner text is empty, names a team or department, or
 * matches no single person. Closed work needs no owner to hear about it. Nobody owns it, so the notify
 * list is the admin fallback (if configured).
 */
export function ownerConflict(ctx: RuleContext, v: number): Conflict | null {
  if ((ctx.nodes.flags[v]! & FLAG_CLOSED) !== 0) return null;
  const match = ctx.ownerMatch(v);
  if (match.vacuum === null) return null;
  const action = ctx.action(v);
  const raw = action.ownerRaw;
  let message: string;
  if (match.vacuum === "empty") {
    message = `${action.title} has no owner in ${action.source.instance}, so nobody will hear when it is at risk.`;
  } else if (match.vacuum === "team") {
    message =
      `${action.title} is owned by “${raw}”, a team rather than a person, so nobody in particular will ` +
      "act on its alerts. Name one owner.";
  } else if (match.candidates.length > 0) {
    message =
      `${action.title} is owned by “${raw}”, which matches ${match.candidates.length} people ` +
      `(${match.candidates.join(", ")}). Use an e-mail address to say which.`;
  } else {
    message = `${action.title} is owned by “${raw}”, who is not in the people directory, so nobody can be alerted.`;
  }
  return makeConflict("ownership_vacuum", [action.id], {
    severity: "warning",
    actionId: action.id,
    notify: notifyList(ctx, []),
    message,
    facts: {
      reason: match.vacuum,
      ownerRaw: raw,
      team: match.team ?? action.team,
      candidates: [...match.candidates],
    },
  });
}
