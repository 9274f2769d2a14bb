import { readFileSync } from "node:fs";
import type { GitHubConnector } from "../../../connectors/github/connector.js";
import { githubConnector } from "../../../connectors/github/index.js";

export const API = "https://api.github.com";
export const FIXTURES = new URL("../../../fixtures/github/payments/", import.meta.url);
export const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8"));
export const fixtureText = (name: string): string => readFileSync(new URL(name, FIXTURES), "utf8");
export const ENV = { GITHUB_TOKEN: "ghp_test_not_a_real_token", GITHUB_WEBHOOK_SECRET: "whsec-gh" };

/** A gh-payments instance as the config loader builds it, over nock (or a recorded folder). */
export async function githubInstance(
  options: Record<string, unknown> = {},
  fullScan = false,
): Promise<GitHubConnector> {
  const parsed = githubConnector.configSchema({ configDir: "/", env: ENV, resolvePath: (p) => p }).parse({
    repo: "acme/payments",
    tokenEnv: "GITHUB_TOKEN",
    webhookSecretEnv: "GITHUB_WEBHOOK_SECRET",
    ...options,
  });
  return githubConnector.create("gh-payments", parsed, {
    env: ENV,
    organisationTimeZone: "Europe/Paris",
    fullScan,
  });
}
