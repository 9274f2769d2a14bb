import { z } from "zod";
import { EnvVarNameSchema } from "../../src/sync/config-values.js";
import type { ConfigContext } from "../../src/sync/manifest.js";

const trimmedUrl = (what: string) =>
  z
    .url({ protocol: /^https?$/, error: `${what} must be an http(s) URL` })
    .transform((u) => u.replace(/\/+$/, ""));

/**
 * Options of a `kind: github` instance: one repository's issues and milestones.
 *
 * ```yaml
 * - id: gh-payments
 *   kind: github
 *   repo: acme/payments
 *   tokenEnv: GITHUB_TOKEN          # a fine-grained token with Issues: read
 *   webhookSecretEnv: GITHUB_WEBHOOK_SECRET
 * ```
 */
export function githubConnectorConfigSchema(ctx: Pick<ConfigContext, "resolvePath">) {
  return z
    .strictObject({
      /** `owner/name`; GitHub compares both case-insensitively, so keys use the lower-case form. */
      repo: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "expected owner/name such as acme/payments")
        .transform((r) => r.toLowerCase()),
      /** The REST root: GitHub Enterprise Server's is `https://<host>/api/v3`. */
      apiUrl: trimmedUrl("apiUrl").default("https://api.github.com"),
      /** Where people open issues; derived from apiUrl when absent (github.com, or the GHES host). */
      webUrl: trimmedUrl("webUrl").optional(),
      /** The token's variable. Without one only public repositories can be read (60 requests an hour). */
      tokenEnv: EnvVarNameSchema.optional(),
      webhookSecretEnv: EnvVarNameSchema.optional(),
      /** Replay a recorded folder (its recording.json) instead of calling GitHub: the demo and the tests. */
      recorded: z
        .string()
        .trim()
        .min(1)
        .transform((p) => ctx.resolvePath(p))
        .optional(),
      /** Only issues carrying every one of these labels (GitHub's own `labels` filter). */
      labels: z.array(z.string().trim().min(1)).default([]),
      /** `kpi:activation` links the issue to KPI `activation`. */
      kpiLabelPrefix: z.string().min(1).default("kpi:"),
      /** `team:Payments` sets the team; `team` below is used when no label says. */
      teamLabelPrefix: z.string().min(1).default("team:"),
      team: z.string().trim().min(1).optional(),
      businessUnit: z.string().trim().min(1).optional(),
      /** Milestones become actions that depend on their open issues. */
      milestones: z.boolean().default(true),
      /** Issues per request: 100 is GitHub's maximum and the cheapest for the rate limit. */
      pageSize: z.int().min(1).max(100).default(100),
    })
    .transform((o) => ({ ...o, webUrl: o.webUrl ?? webUrlOf(o.apiUrl) }));
}
export type GitHubConnectorConfig = z.output<ReturnType<typeof githubConnectorConfigSchema>>;

/** `https://api.github.com` → `https://github.com`; `https://ghe.acme.example/api/v3` → its host. */
function webUrlOf(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === "api.github.com") return "https://github.com";
  return `${url.protocol}//${url.host}`;
}
