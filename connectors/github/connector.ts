import type { Source } from "../../src/model/index.js";
import type { CheckResult, Connector, SyncPage } from "../../src/sync/contract.js";
import type { GitHubClient } from "./client.js";
import type { GitHubConnectorConfig } from "./config.js";
import { GitHubError } from "./errors.js";
import type { GitHubMapContext } from "./map.js";
import { type GitHubCursor, pullGitHub } from "./pull.js";
import { GitHubRepositorySchema } from "./raw-schema.js";

export interface GitHubConnector extends Connector<GitHubCursor> {
  readonly client: GitHubClient;
  readonly mapContext: GitHubMapContext;
  readonly config: GitHubConnectorConfig;
}

/** A repository's issues and milestones as actions. No write-back: GitHub issues have no date of their own. */
export function createGitHubConnector(
  instance: string,
  config: GitHubConnectorConfig,
  client: GitHubClient,
  options: { fullScan: boolean },
): GitHubConnector {
  const source: Source = { kind: "github", instance };
  const mapContext: GitHubMapContext = {
    instance,
    repo: config.repo,
    kpiLabelPrefix: config.kpiLabelPrefix,
    teamLabelPrefix: config.teamLabelPrefix,
    team: config.team ?? null,
    businessUnit: config.businessUnit ?? null,
  };
  return {
    source,
    client,
    mapContext,
    config,
    // https://docs.github.com/en/rest/repos/repos#get-a-repository
    async check(signal?: AbortSignal): Promise<CheckResult> {
      try {
        const answer = await client.get(
          { path: `/repos/${config.repo}`, what: "reading the repository" },
          signal,
        );
        const repo = answer.status === 200 ? GitHubRepositorySchema.safeParse(answer.body) : null;
        if (!repo?.success)
          return { ok: false, detail: `${config.repo}: GitHub's answer is not a repository` };
        if (repo.data.has_issues === false)
          return { ok: false, detail: `${repo.data.full_name} has issues turned off` };
        return {
          ok: true,
          detail: `${repo.data.full_name}${repo.data.private ? " (private)" : ""}: issues readable`,
        };
      } catch (error) {
        if (error instanceof GitHubError) return { ok: false, detail: error.message };
        throw error;
      }
    },
    pull(cursor: GitHubCursor | null, signal?: AbortSignal): AsyncIterable<SyncPage<GitHubCursor>> {
      return pullGitHub(
        {
          client,
          ctx: mapContext,
          labels: config.labels,
          pageSize: config.pageSize,
          milestones: config.milestones,
          fullScan: options.fullScan,
        },
        cursor,
        signal,
      );
    },
  };
}
