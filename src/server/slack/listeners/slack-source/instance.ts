import {
  DEFAULT_SLACK_INSTANCE,
  SlackConnectorOptionsSchema,
  SlackSourceError,
} from "../../../../../connectors/registry.js";
import type { SightlineConfig } from "../../../../config/index.js";
import { type Source, ValidationError } from "../../../../model/index.js";

export interface SlackSourceConfig {
  source: Source;
  keyPrefix: string;
}

/**
 * The `kind: slack` connector instance Slack-created actions belong to: the config's first one, or `slack`
 * with default options when the config names none (the actions still live in the store and are reconciled;
 * an admin adds a `kind: slack` instance to name it or change its key prefix). A disabled one refuses writes.
 */
export function slackSourceConfig(config: Pick<SightlineConfig, "connectors" | "file">): SlackSourceConfig {
  const configured = config.connectors.filter((c) => c.kind === "slack");
  const instance = configured.find((c) => c.enabled);
  if (!instance) {
    if (configured.length > 0) {
      throw new SlackSourceError(
        "slack_source_disabled",
        `the Slack connector "${configured[0]?.id}" is disabled in ${config.file}: actions cannot be created from Slack`,
      );
    }
    return { source: { kind: "slack", instance: DEFAULT_SLACK_INSTANCE }, keyPrefix: "SL" };
  }
  const { id, kind: _k, enabled: _e, syncEveryMinutes: _s, deletionGuard: _d, ...options } = instance;
  const parsed = SlackConnectorOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new ValidationError(
      `${config.file} connector "${id}"`,
      parsed.error.issues.map((i) => `${i.path.join(".") || "(options)"}: ${i.message}`),
    );
  }
  return { source: { kind: "slack", instance: id }, keyPrefix: parsed.data.keyPrefix };
}
