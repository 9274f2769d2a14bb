import { DEFAULT_SLACK_INSTANCE } from "../../../../../connectors/registry.js";
import type { SightlineConfig } from "../../../../config/index.js";
import { type Action, actionId, isClosed, type Person, toDayNumber } from "../../../../model/index.js";
import type { Store } from "../../../../store/index.js";

/** The Slack user whose write created the action (its `created` history event is attributed `slack:<id>`). */
export async function createdBy(store: Store, id: string): Promise<string | null> {
  const created = (await store.actions.history(id)).find((e) => e.field === "created");
  return created?.source.startsWith("slack:") ? created.source.slice("slack:".length) : null;
}

/** Who may change a Slack-created action from Slack: the person who created it and its owner. */
export async function mayEdit(
  store: Store,
  action: Action,
  userId: string,
  person: Person | null,
): Promise<boolean> {
  if (action.source.kind !== "slack" || action.removedAt !== null) return false;
  if (person !== null && action.owner === person.id) return true;
  return (await createdBy(store, action.id)) === userId;
}

/** Every instance Slack-created actions may live in: the configured `kind: slack` ones and the default. */
export function slackInstances(config: Pick<SightlineConfig, "connectors">): string[] {
  const ids = config.connectors.filter((c) => c.kind === "slack").map((c) => c.id);
  return [...new Set([...ids, DEFAULT_SLACK_INSTANCE])];
}

/**
 * The Slack-created actions a user created or owns: open ones first, each by due date. Read instance by
 * instance through their keys: the store may hold a million actions from other tools.
 */
export async function slackActionsOf(
  store: Store,
  instances: readonly string[],
  userId: string,
  person: Person | null,
): Promise<Action[]> {
  const mine: Action[] = [];
  for (const instance of instances) {
    for (const key of await store.sync.activeKeys(instance)) {
      const a = await store.actions.get(actionId(instance, key));
      if (a === null || a.source.kind !== "slack" || a.removedAt !== null) continue;
      if ((person !== null && a.owner === person.id) || (await createdBy(store, a.id)) === userId)
        mine.push(a);
    }
  }
  return mine.sort(
    (a, b) =>
      Number(isClosed(a.status)) - Number(isClosed(b.status)) ||
      dueDay(a) - dueDay(b) ||
      a.id.localeCompare(b.id),
  );
}

function dueDay(a: Action): number {
  return a.due ? toDayNumber(a.due) : Number.POSITIVE_INFINITY;
}
