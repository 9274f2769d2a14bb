import type { Action, Conflict, Directory, Kpi, Person, Team } from "../model/index.js";
import { recipientKey } from "./change-key.js";
import { type AlertRecipient, type AlertRole, type AlertTarget, roleRank } from "./intent.js";

/** What planning needs of an action; a full Action satisfies it. */
export type ActionSummary = Pick<Action, "id" | "title" | "owner" | "team" | "url" | "source">;

export interface RoutedRecipient {
  role: AlertRole;
  recipient: AlertRecipient;
  recipientKey: string;
  /** The person whose preferences (digest, time zone) apply; null for channels standing in for nobody. */
  person: Person | null;
}

export interface RoutingContext {
  directory: Directory;
  kpis: readonly Kpi[];
  actionsById: (id: string) => ActionSummary | null;
  adminChannel: string | null;
  adminEmail: string | null;
  channels: { slack: boolean; email: boolean };
  orgTimeZone: string;
  sourceLabels: Readonly<Record<string, string>>;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function findTeam(directory: Directory, name: string | null): Team | null {
  if (!name) return null;
  return (
    directory.teams.find((t) => sameName(t.name, name) || t.aliases.some((a) => sameName(a, name))) ?? null
  );
}

/** KPI catalogs name owners loosely (id, e-mail or name), so accept any of them. */
export function findPerson(directory: Directory, ref: string | null): Person | null {
  if (!ref) return null;
  const byId = directory.people.find((p) => p.id === ref);
  if (byId) return byId;
  return (
    directory.people.find(
      (p) =>
        p.emails.some((e) => sameName(e, ref)) ||
        sameName(p.name, ref) ||
        p.aliases.some((a) => sameName(a, ref)),
    ) ?? null
  );
}

type Channels = RoutingContext["channels"];

/** With no delivering sink at all, every target is kept as configured (the console prints them). */
function usable(channels: Channels): Channels {
  return channels.slack || channels.email ? channels : { slack: true, email: true };
}

/**
 * Slack DM, else the person's team channel, else their e-mail, else the team's e-mail, among the channels
 * that can deliver: with only SMTP configured, someone with a Slack id gets an e-mail; null if none fits.
 */
export function targetFor(
  person: Person,
  directory: Directory,
  channels: Channels = { slack: true, email: true },
): AlertTarget | null {
  const can = usable(channels);
  const team = findTeam(directory, person.team);
  if (can.slack && person.slackUserId) return { channel: "slack-dm", to: person.slackUserId };
  if (can.slack && team?.slackChannel) return { channel: "slack-channel", to: team.slackChannel };
  const email = person.emails[0];
  if (can.email && email) return { channel: "email", to: email };
  if (can.email && team?.email) return { channel: "email", to: team.email };
  return null;
}

/**
 * Where an alert nobody can receive goes: the team's own channel (or e-mail) when the action's team has one,
 * since a no-owner action is its team's to fix; else the admin route.
 */
function fallbackTarget(conflict: Conflict, ctx: RoutingContext): AlertTarget {
  const can = usable(ctx.channels);
  const teamName = conflict.actionId ? (ctx.actionsById(conflict.actionId)?.team ?? null) : null;
  const team = findTeam(ctx.directory, teamName);
  if (can.slack && team?.slackChannel) return { channel: "slack-channel", to: team.slackChannel };
  if (can.email && team?.email) return { channel: "email", to: team.email };
  return adminTarget(ctx);
}

/**
 * A team channel standing in for someone without a Slack id only repeats what a teammate already has by DM:
 * they get it by e-mail instead when they can; the channel stays only when it is their one route.
 */
function withoutChannelCopies(
  routed: { person: Person; role: AlertRole; target: AlertTarget }[],
  ctx: RoutingContext,
): void {
  const can = usable(ctx.channels);
  const dmTeams = new Set(
    routed
      .filter((r) => r.target.channel === "slack-dm")
      .map((r) => findTeam(ctx.directory, r.person.team)?.slackChannel)
      .filter((c): c is string => typeof c === "string"),
  );
  for (const r of routed) {
    if (r.target.channel !== "slack-channel" || !dmTeams.has(r.target.to)) continue;
    const email = r.person.emails[0];
    if (can.email && email) r.target = { channel: "email", to: email };
  }
}

/** The admin route among the channels that can deliver; unrouted when none is configured for them. */
function adminTarget(ctx: RoutingContext): AlertTarget {
  const can = usable(ctx.channels);
  const channel = ctx.adminChannel;
  const emails = [channel, ctx.adminEmail].filter((v): v is string => v !== null && EMAIL_RE.test(v));
  if (can.slack && channel && !EMAIL_RE.test(channel)) return { channel: "slack-channel", to: channel };
  if (can.email && emails[0]) return { channel: "email", to: emails[0] };
  return { channel: "unrouted", to: null };
}

/** Who holds which role in this conflict, most specific role kept per person. */
function rolesOf(conflict: Conflict, ctx: RoutingContext): Map<string, AlertRole> {
  const roles = new Map<string, AlertRole>();
  const give = (personId: string | null | undefined, role: AlertRole) => {
    if (!personId) return;
    const had = roles.get(personId);
    if (had === undefined || roleRank(role) < roleRank(had)) roles.set(personId, role);
  };
  const ownerOf = (id: string | null) => (id ? (ctx.actionsById(id)?.owner ?? null) : null);

  give(ownerOf(conflict.actionId), "dependent_owner");
  for (const id of conflict.actionIds) give(ownerOf(id), "dependent_owner");
  give(ownerOf(conflict.dependencyId), "dependency_owner");
  give(ownerOf(conflict.rootCauseId), "root_cause_owner");

  const kpiOwners = new Set<string>();
  for (const key of conflict.kpis) {
    const kpi = ctx.kpis.find((k) => k.key === key);
    const owner = findPerson(ctx.directory, kpi?.owner ?? null);
    if (owner) kpiOwners.add(owner.id);
  }
  // KPI owners hear only about critical conflicts, even when the reconciler listed them.
  if (conflict.severity === "critical") for (const id of kpiOwners) give(id, "kpi_owner");
  for (const id of conflict.notify) if (!roles.has(id) && !kpiOwners.has(id)) give(id, "involved");
  return roles;
}

/** A person reached at `target`; a team channel has no time zone of its own. */
function personRecipient(
  person: Person,
  role: AlertRole,
  target: AlertTarget,
  ctx: RoutingContext,
): RoutedRecipient {
  return {
    role,
    recipientKey: recipientKey(target),
    person,
    recipient: {
      personId: person.id,
      name: person.name,
      personIds: [person.id],
      target,
      timeZone: target.channel === "slack-channel" ? null : (person.timeZone ?? ctx.orgTimeZone),
    },
  };
}

/** A channel standing in for nobody in particular (the fallback of an alert nobody else can receive). */
function channelRecipient(target: AlertTarget): RoutedRecipient {
  return {
    role: "fallback",
    recipientKey: recipientKey(target),
    person: null,
    recipient: { personId: null, name: null, personIds: [], target, timeZone: null },
  };
}

/**
 * Delivery targets for a conflict, one per target (two people routed to the same team channel share one
 * message, in the more specific role), ordered by role then target. Nobody reachable → the admin channel.
 */
export function routeConflict(conflict: Conflict, ctx: RoutingContext): RoutedRecipient[] {
  const byTarget = new Map<string, RoutedRecipient>();
  const routed: { person: Person; role: AlertRole; target: AlertTarget }[] = [];
  for (const [personId, role] of rolesOf(conflict, ctx)) {
    const person = ctx.directory.people.find((p) => p.id === personId);
    if (!person) continue;
    const target = targetFor(person, ctx.directory, ctx.channels);
    if (target) routed.push({ person, role, target });
  }
  withoutChannelCopies(routed, ctx);
  for (const { person, role, target } of routed) {
    const key = recipientKey(target);
    const existing = byTarget.get(key);
    if (existing) {
      existing.recipient.personIds.push(person.id);
      existing.recipient.personIds.sort();
      if (roleRank(role) < roleRank(existing.role)) {
        existing.role = role;
        existing.person = person;
        existing.recipient.personId = person.id;
        existing.recipient.name = person.name;
      }
      continue;
    }
    byTarget.set(key, personRecipient(person, role, target, ctx));
  }
  if (byTarget.size === 0) {
    const fallback = channelRecipient(fallbackTarget(conflict, ctx));
    byTarget.set(fallback.recipientKey, fallback);
  }
  return [...byTarget.values()].sort(
    (a, b) => roleRank(a.role) - roleRank(b.role) || compare(a.recipientKey, b.recipientKey),
  );
}

/**
 * Who hears that a conflict went unanswered: its KPIs' owners (each once, by their usual route), else the
 * escalation channel (a Slack channel or an e-mail address), else the admins.
 */
export function escalationRoute(
  conflict: Conflict,
  ctx: RoutingContext,
  escalationChannel: string | null,
): RoutedRecipient[] {
  const out = new Map<string, RoutedRecipient>();
  for (const key of conflict.kpis) {
    const kpi = ctx.kpis.find((k) => k.key === key);
    const person = findPerson(ctx.directory, kpi?.owner ?? null);
    const target = person ? targetFor(person, ctx.directory, ctx.channels) : null;
    if (!person || !target) continue;
    const rk = recipientKey(target);
    if (!out.has(rk)) out.set(rk, personRecipient(person, "kpi_owner", target, ctx));
  }
  if (out.size > 0) return [...out.values()];
  const can = usable(ctx.channels);
  const target: AlertTarget =
    escalationChannel && EMAIL_RE.test(escalationChannel) && can.email
      ? { channel: "email", to: escalationChannel }
      : escalationChannel && !EMAIL_RE.test(escalationChannel) && can.slack
        ? { channel: "slack-channel", to: escalationChannel }
        : adminTarget(ctx);
  return [channelRecipient(target)];
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
