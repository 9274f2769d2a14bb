import { defineConnector } from "../../src/sync/manifest.js";
import { createGitHubClient } from "./client.js";
import { githubConnectorConfigSchema } from "./config.js";
import { createGitHubConnector } from "./connector.js";
import { GitHubError } from "./errors.js";
import { recordedGitHubFetch } from "./recorded.js";
import { githubWebhookEndpoint } from "./webhook.js";

/** `kind: github`: a repository's issues and milestones, dependencies from "blocked by" and task lists. */
export const githubConnector = defineConnector({
  kind: "github",
  label: "GitHub",
  configSchema: githubConnectorConfigSchema,
  create: async (id, options, deps) => {
    const token = options.tokenEnv ? deps.env[options.tokenEnv]?.trim() || null : null;
    if (options.tokenEnv && token === null && !options.recorded) {
      throw new GitHubError(
        "github_token_missing",
        `connector "${id}": environment variable ${options.tokenEnv} (GitHub token) is not set`,
      );
    }
    const client = createGitHubClient({
      apiUrl: options.apiUrl,
      token,
      tokenHint: options.tokenEnv ?? "tokenEnv (none is configured: only public repositories can be read)",
      ...(options.recorded ? { fetch: recordedGitHubFetch(options.recorded, options.apiUrl) } : {}),
    });
    return createGitHubConnector(id, options, client, {
      fullScan: deps.fullScan,
    });
  },
  replay: { from: "recorded", option: "recorded" },
  webhook: {
    async open(connector, options, deps) {
      const secret = options.webhookSecretEnv ? deps.env[options.webhookSecretEnv]?.trim() : undefined;
      if (!secret) return { unavailable: "no webhook secret is set (webhookSecretEnv)" };
      return githubWebhookEndpoint(connector, secret, deps.storedUpdatedAt);
    },
  },
});
