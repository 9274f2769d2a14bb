import type { types } from "@slack/bolt";
import { escapeMrkdwn } from "../../alerts/index.js";
import type { Action } from "../../model/index.js";
import type { StoredConflict } from "../../store/index.js";
import { conflictPeople, loadKnown, personForSlackUser } from "./identity.js";
import {
  conflictsBlocks,
  helpBlocks,
  mineBlocks,
  type OverviewData,
  unknownPersonBlocks,
} from "./overview.js";
import type { SlackHandlerDeps } from "./slack-deps.js";

const LIVE = ["open", "acknowledged", "snoozed"] as const;

function overviewData(actions: readonly Action[]): OverviewData {
  const byId = new Map(actions.map((a) => [a.id, a]));
  return { actionsById: (id) => byId.get(id) ?? null };
}

/** `/sightline mine` and the App Home tab, for one Slack user. */
export async function mineFor(deps: SlackHandlerDeps, userId: string): Promise<types.KnownBlock[]> {
  const person = await personForSlackUser(deps, userId);
  if (!person) return unknownPersonBlocks(userId);
  const { store } = deps.ctx;
  const known = await loadKnown(deps);
  const actions = await store.actions.list();
  const conflicts: StoredConflict[] = [];
  for (const c of await store.conflicts.list({ status: LIVE })) {
    if ((await conflictPeople(deps, c, known)).has(person.id)) conflicts.push(c);
  }
  return mineBlocks(person, actions, conflicts, overviewData(actions));
}

const same = (a: string | null | undefined, b: string) => a?.trim().toLowerCase() === b.trim().toLowerCase();

/** `/sightline conflicts [team|kpi]`: every live conflict, or those of a team (by the actions' team) or a KPI. */
export async function conflictsFor(
  deps: SlackHandlerDeps,
  filter: string | null,
): Promise<types.KnownBlock[]> {
  const { store } = deps.ctx;
  const actions = await store.actions.list();
  const data = overviewData(actions);
  const live = await store.conflicts.list({ status: LIVE });
  if (!filter) return conflictsBlocks("Open conflicts", live, data);

  const kpi = (await store.directory.loadKpis()).find((k) => same(k.key, filter) || same(k.name, filter));
  if (kpi) {
    return conflictsBlocks(
      `Open conflicts on ${kpi.name}`,
      live.filter((c) => c.kpis.includes(kpi.key)),
      data,
    );
  }
  const teams = (await store.directory.load()).teams;
  const team = teams.find((t) => same(t.name, filter) || t.aliases.some((a) => same(a, filter)));
  const names = team ? [team.name, ...team.aliases] : [filter];
  const ofTeam = (c: StoredConflict) =>
    c.actionIds.some((id) => {
      const t = data.actionsById(id)?.team;
      return names.some((n) => same(t, n));
    });
  if (team || actions.some((a) => same(a.team, filter))) {
    return conflictsBlocks(`Open conflicts in ${team?.name ?? filter}`, live.filter(ofTeam), data);
  }
  const known = escapeMrkdwn(
    [...teams.map((t) => t.name), ...(await store.directory.loadKpis()).map((k) => k.key)].join(", ") ||
      "none",
  );
  return [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `No team or KPI is called "${escapeMrkdwn(filter)}". Known: ${known}.`,
      },
    },
  ];
}

export function helpFor(): types.KnownBlock[] {
  return helpBlocks();
}
