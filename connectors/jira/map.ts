import { z } from "zod";
import type { ActionRecordInput, ActionStatus, DependencyRef, PersonInput } from "../../src/model/index.js";
import { parseCalendarDate } from "../../src/model/index.js";
import type { Origin, PageItem } from "../../src/sync/contract.js";
import type { JiraConnectorConfig } from "./config.js";
import { customFieldTexts, isUnreadableCustomValue } from "./field-values.js";
import type { FieldIds } from "./fields.js";
import { type JiraInstant, parseJiraTimestamp, toIsoTimestamp } from "./jql.js";
import { type RawIssue, RawIssueSchema, type RawUser } from "./raw-schema.js";

/** Everything the pure mapper needs: the instance's config plus the site's resolved field ids. */
export interface JiraMapContext {
  instance: string;
  siteUrl: string;
  fieldIds: FieldIds;
  config: Pick<
    JiraConnectorConfig,
    | "linkType"
    | "linkDependsOn"
    | "kpiFrom"
    | "teamFrom"
    | "businessUnit"
    | "programFrom"
    | "blockedStatuses"
    | "cancelledResolutions"
  >;
}

export function mapContextFor(config: JiraConnectorConfig, fieldIds: FieldIds): JiraMapContext {
  return { instance: config.id, siteUrl: config.siteUrl ?? config.baseUrl, fieldIds, config };
}

export interface MappedIssue {
  item: PageItem;
  /** The assignee as a directory entry, when there is one. */
  person: PersonInput | null;
  key: string | null;
  /** `fields.updated`, for the watermark; null when the issue could not be read. */
  updated: JiraInstant | null;
  updatedRaw: string | null;
}

const lower = (s: string) => s.trim().toLowerCase();

/**
 * Status by category, never by name (names are per workflow): new → todo, indeterminate → in_progress,
 * done → done. Two refinements from config: a done issue resolved as "Won't Do" (etc.) is cancelled, and a
 * not-done issue whose status is named like "Blocked" is blocked. "undefined" is Jira's "No Category".
 */
function mapStatus(issue: RawIssue, ctx: JiraMapContext): ActionStatus | null {
  const category = issue.fields.status.statusCategory.key;
  if (category === "done") {
    const resolution = issue.fields.resolution?.name;
    const cancelled =
      resolution && ctx.config.cancelledResolutions.some((r) => lower(r) === lower(resolution));
    return cancelled ? "cancelled" : "done";
  }
  if (ctx.config.blockedStatuses.some((s) => lower(s) === lower(issue.fields.status.name))) return "blocked";
  if (category === "new" || category === "undefined") return "todo";
  if (category === "indeterminate") return "in_progress";
  return null;
}

const Email = z.email();

/** Cloud keys people by accountId (e-mail is often hidden); Data Center by username. */
function owner(user: RawUser | null | undefined): { ownerRaw: string | null; person: PersonInput | null } {
  if (!user) return { ownerRaw: null, person: null };
  const email = user.emailAddress && Email.safeParse(user.emailAddress).success ? user.emailAddress : null;
  const emails = email ? [email] : [];
  if (user.accountId) {
    return {
      ownerRaw: user.accountId,
      person: {
        id: `jira:${user.accountId}`,
        name: user.displayName?.trim() || user.accountId,
        emails,
        jiraAccountId: user.accountId,
        timeZone: user.timeZone ?? null,
      },
    };
  }
  const username = user.name ?? user.key;
  if (!username) return { ownerRaw: email, person: null };
  return {
    ownerRaw: email ?? username,
    person: {
      id: `jira:${user.key ?? username}`,
      name: user.displayName?.trim() || username,
      emails,
      aliases: [username],
      timeZone: user.timeZone ?? null,
    },
  };
}

/**
 * The same link appears on both issues: on the dependent as `inwardIssue` ("is blocked by"), on the
 * dependency as `outwardIssue` ("blocks"). The edge belongs to the dependent, so only the dependent's side
 * is read, and links are deduplicated by id (then by target) so each becomes one edge.
 */
export function dependenciesOf(issue: RawIssue, ctx: JiraMapContext): DependencyRef[] {
  const byLink = new Map<string, string>();
  for (const link of issue.fields.issuelinks ?? []) {
    if (lower(link.type.name) !== lower(ctx.config.linkType)) continue;
    const other = ctx.config.linkDependsOn === "inward" ? link.inwardIssue : link.outwardIssue;
    if (other && other.key !== issue.key) byLink.set(link.id, other.key);
  }
  return [...new Set(byLink.values())].sort().map((ref) => ({ ref, type: "FS", lagDays: 0 }));
}

function kpisOf(issue: RawIssue, ctx: JiraMapContext): string[] {
  const { labelsPrefix, components } = ctx.config.kpiFrom;
  const out: string[] = [];
  if (labelsPrefix) {
    for (const l of issue.fields.labels ?? [])
      if (l.startsWith(labelsPrefix)) out.push(l.slice(labelsPrefix.length));
  }
  if (ctx.fieldIds.kpi) out.push(...customFieldTexts(issue.fields[ctx.fieldIds.kpi]));
  if (components) out.push(...(issue.fields.components ?? []).map((c) => c.name));
  return [...new Set(out.map((k) => k.trim()).filter(Boolean))].sort();
}

function teamOf(issue: RawIssue, ctx: JiraMapContext): string | null {
  const { labelsPrefix, components, fixed } = ctx.config.teamFrom;
  if (ctx.fieldIds.team) {
    const [first] = customFieldTexts(issue.fields[ctx.fieldIds.team]);
    if (first) return first;
  }
  if (labelsPrefix) {
    const label = (issue.fields.labels ?? []).find(
      (l) => l.startsWith(labelsPrefix) && l.length > labelsPrefix.length,
    );
    if (label) return label.slice(labelsPrefix.length);
  }
  if (components) {
    const first = issue.fields.components?.[0]?.name.trim();
    if (first) return first;
  }
  return fixed ?? null;
}

function programOf(issue: RawIssue, ctx: JiraMapContext): string | null {
  const parent = issue.fields.parent;
  if (!parent || ctx.config.programFrom === "none") return null;
  return ctx.config.programFrom === "parentKey" ? parent.key : (parent.fields?.summary ?? parent.key);
}

/** A date-picker value is `YYYY-MM-DD`; a date-time field's value is cut to its own calendar date. */
function startOf(
  issue: RawIssue,
  ctx: JiraMapContext,
): { ok: true; value: string | null } | { ok: false; why: string } {
  const id = ctx.fieldIds.start;
  if (!id) return { ok: true, value: null };
  const value = issue.fields[id];
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value === "string" && parseCalendarDate(value.slice(0, 10)) !== null) {
    return { ok: true, value: value.slice(0, 10) };
  }
  return { ok: false, why: `start date (${id}) ${JSON.stringify(value)} is not a calendar date` };
}

/** Pure: one raw issue (as Jira sent it) → a record for the engine to validate, or a rejection saying why. */
export function mapJiraIssue(raw: unknown, ctx: JiraMapContext, where: string): MappedIssue {
  const parsed = RawIssueSchema.safeParse(raw);
  if (!parsed.success) {
    const key = z.object({ key: z.string() }).safeParse(raw);
    const nativeKey = key.success ? key.data.key : null;
    const origin: Origin = { location: `${where} issue ${nativeKey ?? "(no key)"}`, nativeKey };
    const reason = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return {
      item: { kind: "rejected", reason: `not a Jira issue: ${reason}`, origin, raw },
      person: null,
      key: nativeKey,
      updated: null,
      updatedRaw: null,
    };
  }
  const issue = parsed.data;
  const f = issue.fields;
  const updated = parseJiraTimestamp(f.updated);
  const base = { key: issue.key, updated, updatedRaw: f.updated };
  const reject = (field: string, reason: string): MappedIssue => ({
    ...base,
    item: {
      kind: "rejected",
      reason,
      origin: { location: `${where} issue ${issue.key}`, nativeKey: issue.key, field },
      raw,
    },
    person: null,
  });

  if (!updated) return reject("updated", `updated ${JSON.stringify(f.updated)} is not a Jira timestamp`);
  const status = mapStatus(issue, ctx);
  if (!status)
    return reject("status", `unknown status category ${JSON.stringify(f.status.statusCategory.key)}`);
  if (f.duedate && parseCalendarDate(f.duedate) === null) {
    return reject("duedate", `due date ${JSON.stringify(f.duedate)} is not a calendar date`);
  }
  const start = startOf(issue, ctx);
  if (!start.ok) return reject(ctx.fieldIds.start ?? "start", start.why);
  for (const id of [ctx.fieldIds.kpi, ctx.fieldIds.team]) {
    if (id && isUnreadableCustomValue(f[id])) {
      return reject(
        id,
        `${id} holds ${JSON.stringify(f[id])}, which is not text, an option or a list of them`,
      );
    }
  }

  const { ownerRaw, person } = owner(f.assignee);
  const record: ActionRecordInput = {
    nativeKey: issue.key,
    url: `${ctx.siteUrl}/browse/${issue.key}`,
    title: f.summary ?? "",
    status,
    ownerRaw,
    team: teamOf(issue, ctx),
    businessUnit: ctx.config.businessUnit ?? null,
    program: programOf(issue, ctx),
    start: start.value,
    due: f.duedate ?? null,
    kpis: kpisOf(issue, ctx),
    dependsOn: dependenciesOf(issue, ctx),
    mirrors: [],
    sourceUpdatedAt: toIsoTimestamp(f.updated),
  };
  return {
    ...base,
    item: {
      kind: "record",
      record,
      origin: { location: `${where} issue ${issue.key}`, nativeKey: issue.key },
    },
    person,
  };
}
