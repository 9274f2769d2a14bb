import type { JiraAuthConfig } from "./config.js";
import { JiraError } from "./errors.js";

export interface ResolvedAuth {
  /** Authorization header value. Never log it. */
  authorization: string;
  /** Where the credentials come from (names only), for error messages. */
  hint: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string, instance: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) {
    throw new JiraError(
      "jira_missing_secret",
      `Connector ${instance}: environment variable ${name} (${what}) is not set`,
    );
  }
  return value;
}

/**
 * Reads the secrets once, at construction. Cloud basic auth is e-mail + API token; OAuth 2.0 access tokens
 * and Data Center personal access tokens are both bearer tokens.
 * https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/
 * https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html
 */
export function resolveAuth(auth: JiraAuthConfig, env: Env, instance: string): ResolvedAuth {
  switch (auth.type) {
    case "basic": {
      const email = read(env, auth.emailEnv, instance, "Jira account e-mail");
      const token = read(env, auth.tokenEnv, instance, "Jira API token");
      return {
        authorization: `Basic ${Buffer.from(`${email}:${token}`).toString("base64")}`,
        hint: `${auth.emailEnv} and ${auth.tokenEnv} (e-mail + API token)`,
      };
    }
    case "bearer":
      return {
        authorization: `Bearer ${read(env, auth.tokenEnv, instance, "OAuth 2.0 access token")}`,
        hint: `${auth.tokenEnv} (OAuth 2.0 access token)`,
      };
    case "pat":
      return {
        authorization: `Bearer ${read(env, auth.tokenEnv, instance, "personal access token")}`,
        hint: `${auth.tokenEnv} (personal access token)`,
      };
  }
}
