import { z } from "zod";
import {
  CloudSearchPageSchema,
  DataCenterSearchPageSchema,
  FieldListSchema,
  MyselfSchema,
  type RawField,
  type RawUser,
} from "./raw-schema.js";
import type { JiraTransport } from "./transport.js";

/** The REST calls the connector makes, one function each; Cloud and Data Center differ only in paths. */

export type Deployment = "cloud" | "datacenter";

const apiRoot = (d: Deployment) => (d === "cloud" ? "/rest/api/3" : "/rest/api/2");

export interface SearchPage {
  issues: unknown[];
  /** Continuation for the next page; null on the last one. */
  next: { token: string } | { startAt: number } | null;
}

export interface SearchRequest {
  jql: string;
  fields: readonly string[];
  maxResults: number;
  /** Cloud token, or Data Center offset; absent for the first page. */
  after?: { token: string } | { startAt: number };
  /**
   * Numeric ids of issues just changed (a webhook's): Cloud's search index may lag behind a change, and
   * `reconcileIssues` makes the search read these from the database instead. Cloud only, at most 50.
   */
  reconcile?: readonly string[];
}

/** Atlassian's documented limit for `reconcileIssues`. */
export const MAX_RECONCILE_ISSUES = 50;

/**
 * Cloud: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
 * The end is a missing `nextPageToken` or `isLast: true`, whichever comes first. A search that reconciles
 * issues is sent as POST with a JSON body (`SearchAndReconcileRequestBean`, ids as numbers):
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
 */
export async function searchCloud(
  t: JiraTransport,
  req: SearchRequest,
  signal?: AbortSignal,
): Promise<SearchPage> {
  const token = req.after && "token" in req.after ? req.after.token : undefined;
  const reconcile = (req.reconcile ?? []).filter((id) => /^\d+$/.test(id)).slice(0, MAX_RECONCILE_ISSUES);
  const path = "/rest/api/3/search/jql";
  const what = "searching issues";
  const page =
    reconcile.length > 0
      ? await t.json(
          {
            method: "POST",
            path,
            body: {
              jql: req.jql,
              fields: [...req.fields],
              maxResults: req.maxResults,
              ...(token === undefined ? {} : { nextPageToken: token }),
              reconcileIssues: reconcile.map(Number),
            },
            what,
            jql: req.jql,
          },
          CloudSearchPageSchema,
          signal,
        )
      : await t.json(
          {
            method: "GET",
            path,
            query: {
              jql: req.jql,
              fields: req.fields.join(","),
              maxResults: String(req.maxResults),
              ...(token === undefined ? {} : { nextPageToken: token }),
            },
            what,
            jql: req.jql,
          },
          CloudSearchPageSchema,
          signal,
        );
  const next = page.nextPageToken ?? null;
  return { issues: page.issues, next: page.isLast === true || !next ? null : { token: next } };
}

/** Data Center: https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0/#api/2/search-search */
export async function searchDataCenter(
  t: JiraTransport,
  req: SearchRequest,
  signal?: AbortSignal,
): Promise<SearchPage> {
  const startAt = req.after && "startAt" in req.after ? req.after.startAt : 0;
  const page = await t.json(
    {
      method: "GET",
      path: "/rest/api/2/search",
      query: {
        jql: req.jql,
        fields: req.fields.join(","),
        startAt: String(startAt),
        maxResults: String(req.maxResults),
      },
      what: "searching issues",
      jql: req.jql,
    },
    DataCenterSearchPageSchema,
    signal,
  );
  const nextStart = page.startAt + page.issues.length;
  const done = page.issues.length === 0 || nextStart >= page.total;
  return { issues: page.issues, next: done ? null : { startAt: nextStart } };
}

export function search(d: Deployment, t: JiraTransport, req: SearchRequest, signal?: AbortSignal) {
  return d === "cloud" ? searchCloud(t, req, signal) : searchDataCenter(t, req, signal);
}

/**
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
 * https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0/#api/2/field-getFields
 */
export function listFields(d: Deployment, t: JiraTransport, signal?: AbortSignal): Promise<RawField[]> {
  return t.json(
    { method: "GET", path: `${apiRoot(d)}/field`, what: "listing fields" },
    FieldListSchema,
    signal,
  );
}

/** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get */
export function getIssue(
  d: Deployment,
  t: JiraTransport,
  idOrKey: string,
  fields: readonly string[],
  signal?: AbortSignal,
): Promise<unknown> {
  return t.json(
    {
      method: "GET",
      path: `${apiRoot(d)}/issue/${encodeURIComponent(idOrKey)}`,
      query: { fields: fields.join(",") },
      what: `reading issue ${idOrKey}`,
    },
    z.unknown(),
    signal,
  );
}

/** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put */
export function editIssueFields(
  d: Deployment,
  t: JiraTransport,
  key: string,
  fields: Record<string, string | null>,
  signal?: AbortSignal,
): Promise<void> {
  return t.send(
    {
      method: "PUT",
      path: `${apiRoot(d)}/issue/${encodeURIComponent(key)}`,
      body: { fields },
      what: `updating the dates of ${key}`,
    },
    signal,
  );
}

/** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get */
export function myself(d: Deployment, t: JiraTransport, signal?: AbortSignal): Promise<RawUser> {
  return t.json(
    { method: "GET", path: `${apiRoot(d)}/myself`, what: "checking the credentials" },
    MyselfSchema,
    signal,
  );
}
