import { parseSnoozeOption } from "../alerts/index.js";
import { redirect } from "../http/respond.js";
import {
  acknowledgeConflict,
  commitDependency,
  type DateDecision,
  liveConflict,
  replanConflict,
  snoozeConflict,
} from "../jobs/conflict-decisions.js";
import { ValidationError } from "../model/index.js";
import type { StoredConflict } from "../store/index.js";
import { badRequest, WebError } from "./errors.js";
import { conflictHref } from "./pages/links.js";
import type { Route, RouteContext } from "./router.js";
import type { WebServices } from "./services.js";

/** What the conflict page says after a decision; only these words are ever echoed from the URL. */
export const DECIDED = ["acknowledged", "snoozed", "written", "queued"] as const;
export type Decided = (typeof DECIDED)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function field(rc: RouteContext, name: string, pattern?: RegExp): string {
  const value = rc.form?.get(name) ?? "";
  if (value === "" || (pattern && !pattern.test(value)))
    throw badRequest(`form field "${name}": ${value === "" ? "missing" : `"${value}" is not valid`}`);
  return value;
}

const written = (d: DateDecision): Decided => (d.outcome === "written" ? "written" : "queued");

/**
 * Acknowledge, snooze, replan and commit from the conflict page, for a signed-in admin: the same decisions
 * as the Slack buttons (src/jobs/conflict-decisions.ts), recorded as `web:<name given at sign-in>`. The
 * forms carry the session's CSRF token (checked before `handle` runs) and the date the page showed, so a
 * conflict that moved since is refused instead of replanned to a date nobody saw.
 */
export function decisionRoutes(s: WebServices): Route[] {
  const { ctx, work } = s.deps;
  const deps = { ctx, work };

  const decide = (verb: string, run: (c: StoredConflict, rc: RouteContext, by: string) => Promise<Decided>) =>
    ({
      method: "POST",
      path: new RegExp(`^/conflicts/([^/]+)/${verb}$`),
      access: "page",
      async handle(rc: RouteContext) {
        const fingerprint = rc.params[0]!;
        const conflict = await liveConflict(ctx, fingerprint);
        if (!conflict) {
          throw new WebError(
            "conflict_cleared",
            409,
            "This conflict has already cleared (or never existed): there is nothing left to decide.",
          );
        }
        const by = s.auth.decidedBy(rc.session!);
        const decided = await run(conflict, rc, by);
        s.deps.log(`web: ${verb} of ${fingerprint} by ${by}: ${decided}`);
        redirect(rc.res, `${conflictHref(fingerprint)}?decided=${decided}#decide`);
      },
    }) satisfies Route;

  return [
    decide("acknowledge", async (c, _rc, by) => {
      await acknowledgeConflict(ctx, c, by);
      return "acknowledged";
    }),
    decide("snooze", async (c, rc, by) => {
      let days: number;
      try {
        days = parseSnoozeOption(field(rc, "days"));
      } catch (error) {
        if (error instanceof ValidationError)
          throw badRequest(`form field "days": ${error.issues.join("; ")}`);
        throw error;
      }
      await snoozeConflict(ctx, c, days, by);
      return "snoozed";
    }),
    decide("replan", async (c, rc, by) =>
      written(await replanConflict(deps, c, field(rc, "date", DATE), by)),
    ),
    decide("commit", async (c, rc, by) =>
      written(await commitDependency(deps, c, field(rc, "dependency"), field(rc, "date", DATE), by)),
    ),
  ];
}
