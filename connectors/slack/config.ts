import { z } from "zod";
import type { ActionRecord } from "../../src/model/index.js";
import type { ConfigContext } from "../../src/sync/manifest.js";
import { createSlackConnector, type SlackConnector } from "./connector.js";

/** The default instance id when the config names no `kind: slack` connector. */
export const DEFAULT_SLACK_INSTANCE = "slack";

/**
 * Options of a `kind: slack` instance. Nothing to connect to (the Slack app's credentials are the server's),
 * only how its actions' keys look: `SL-7K2M9QXA` by default.
 */
export const SlackConnectorOptionsSchema = z.strictObject({
  keyPrefix: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{0,9}$/, "expected 1-10 upper-case letters or digits, starting with a letter")
    .default("SL"),
});
export type SlackConnectorConfig = z.output<typeof SlackConnectorOptionsSchema>;

/** The schema factory the config registry takes (`registerConnectorKind("slack", slackConnectorConfigSchema)`). */
export function slackConnectorConfigSchema(_ctx: ConfigContext) {
  return SlackConnectorOptionsSchema;
}

export interface SlackConnectorFromConfigDeps {
  /** The stored action of this instance by native key; lets "Replan" write new dates (see connector.ts). */
  current?: (nativeKey: string) => Promise<ActionRecord | null>;
  now?: () => string;
}

/** What the connector factory calls for a `kind: slack` instance. */
export function createSlackConnectorFromConfig(
  instance: string,
  config: SlackConnectorConfig,
  deps: SlackConnectorFromConfigDeps = {},
): SlackConnector {
  return createSlackConnector({ instance, keyPrefix: config.keyPrefix, ...deps });
}
