import type { ParsedUrlQuery } from "node:querystring";
import nock from "nock";
import { createJiraConnector, type JiraConnectorDeps } from "../../../connectors/jira/connector.js";
import { config, ENV, SITE } from "../../unit/connectors/jira/support.js";

/** nock helpers shared by the Jira pull tests. */

export const SEARCH = "/rest/api/3/search/jql";
export const first = new Date("2026-01-02T08:40:00Z");
export const tenMinutesLater = new Date("2026-01-02T08:50:00Z");

/** A connector over the recorded site, pages of 2 (as recorded), no real waiting, notices collected. */
export function connector(overrides: Record<string, unknown> = {}, deps: JiraConnectorDeps = {}) {
  const notices: string[] = [];
  const c = createJiraConnector(config({ pageSize: 2, ...overrides }), {
    env: ENV,
    now: () => first,
    notice: (m) => notices.push(m),
    sleep: async () => {},
    ...deps,
  });
  return { c, notices };
}

export type Query = ParsedUrlQuery;

/** Replies to successive search requests with `bodies`, recording their query strings. */
export function searchReplying(queries: Query[], ...bodies: Record<string, unknown>[]) {
  const scope = nock(SITE);
  for (const body of bodies) {
    scope
      .get(SEARCH)
      .query((q) => {
        queries.push(q);
        return true;
      })
      .reply(200, body);
  }
  return scope;
}
