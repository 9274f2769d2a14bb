import { type Action, isClosed, type Person, toDayNumber } from "../../../../model/index.js";
import type { Store } from "../../../../store/index.js";

/** The Slack user whose write created the action (its `created` history event is attributed `slack:<id>`). */
export function createdBy(store: Store, id: string): string | null {
  const created = store.history(id).find((e) => e.field === "created");
  return created?.source.startsWith("slack:") ? created.source.slice("slack:".length) : null;
}

/** Who may change a Slack-created action from Slack: the person who created it and its owner. */
export function mayEdit(store: Store, action: Action, userId: string, person: Person | null): boolean {
  if (action.source.kind !== "slack" || action.removedAt !== null) return false;
  if (person !== null && action.owner === person.id) return true;
  return createdBy(store, action.id) === userId;
}

/** The Slack-created actions a user created or owns: open ones first, each by due date. */
export function slackActionsOf(store: Store, userId: string, person: Person | null): Action[] {
  return store
    .loadActions()
    .filter((a) => a.source.kind === "slack" && a.removedAt === null)
    .filter((a) => (person !== null && a.owner === person.id) || createdBy(store, a.id) === userId)
    .sort(
      (a, b) =>
        Number(isClosed(a.status)) - Number(isClosed(b.status)) ||
        dueDay(a) - dueDay(b) ||
        a.id.localeCompare(b.id),
    );
}

function dueDay(a: Action): number {
  return a.due ? toDayNumber(a.due) : Number.POSITIVE_INFINITY;
}
