import { recipientKey } from "../../alerts/index.js";
import { findPerson } from "../../alerts/recipients.js";
import type { Conflict, Directory, Kpi, Person } from "../../model/index.js";
import type { SlackHandlerDeps } from "./slack-deps.js";

/**
 * The directory's person behind a Slack user: by the Slack id the directory holds, else by the e-mail on the
 * user's Slack profile (cached users.info) for people the directory knows only by e-mail.
 */
export async function personForSlackUser(deps: SlackHandlerDeps, userId: string): Promise<Person | null> {
  const directory = await deps.ctx.store.directory.load();
  const byId = directory.people.find((p) => p.slackUserId === userId);
  if (byId) return byId;
  if (!deps.people) return null;
  const email = await deps.people.emailOf(userId);
  if (!email) return null;
  return directory.people.find((p) => p.emails.includes(email)) ?? null;
}

/** Everyone a conflict concerns: the people the reconciler listed plus the owners of the actions involved. */
export async function conflictPeople(
  deps: SlackHandlerDeps,
  conflict: Conflict,
  known?: Known,
): Promise<Set<string>> {
  const { directory, kpis } = known ?? (await loadKnown(deps));
  const ids = new Set(conflict.notify);
  const actionIds = [conflict.actionId, conflict.dependencyId, conflict.rootCauseId, ...conflict.actionIds];
  for (const id of actionIds) {
    const owner = id ? (await deps.ctx.store.actions.get(id))?.owner : null;
    if (owner) ids.add(owner);
  }
  // KPI owners hear about critical conflicts; the catalog names them loosely (id, e-mail or name).
  if (conflict.severity === "critical") {
    for (const kpi of kpis) {
      const owner = conflict.kpis.includes(kpi.key) ? findPerson(directory, kpi.owner) : null;
      if (owner) ids.add(owner.id);
    }
  }
  return ids;
}

/** The directory and KPI catalog, loaded once for a request that checks many conflicts. */
export interface Known {
  directory: Directory;
  kpis: Kpi[];
}

export async function loadKnown(deps: SlackHandlerDeps): Promise<Known> {
  return {
    directory: await deps.ctx.store.directory.load(),
    kpis: await deps.ctx.store.directory.loadKpis(),
  };
}

/**
 * True when the clicking user is one of the conflict's recipients: Sightline sent them a DM about it (the
 * alert ledger says so), or they are a person the conflict concerns. Anyone else in a channel where the
 * message was posted only gets a refusal.
 */
export async function isConflictRecipient(
  deps: SlackHandlerDeps,
  conflict: Conflict,
  userId: string,
): Promise<boolean> {
  const dm = recipientKey({ channel: "slack-dm", to: userId });
  if (await deps.ctx.store.alerts.find(conflict.fingerprint, dm)) return true;
  const person = await personForSlackUser(deps, userId);
  return person !== null && (await conflictPeople(deps, conflict)).has(person.id);
}
