import type { ConnectorManifest } from "../src/sync/manifest.js";
import { csvConnector } from "./csv/index.js";
import { emailConnector } from "./email/index.js";
import { fileConnector } from "./file/index.js";
import { githubConnector } from "./github/index.js";
import { jiraConnector } from "./jira/index.js";
import { sheetsConnector } from "./sheets/index.js";
import { slackConnector } from "./slack/index.js";

/**
 * Every connector kind this build knows, one line each: config validation, the job layer, alert wording, the
 * demo replay and the server's webhook routes all read this list (connectors/README.md, "Adding a connector").
 */
export const CONNECTORS: readonly ConnectorManifest[] = [
  fileConnector,
  csvConnector,
  sheetsConnector,
  jiraConnector,
  emailConnector,
  slackConnector,
  githubConnector,
];

export function findManifest(kind: string): ConnectorManifest | undefined {
  return CONNECTORS.find((m) => m.kind === kind);
}

/** "Google Sheets" for `sheets`: how alerts and the admin name a kind's tool. */
export const SOURCE_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  CONNECTORS.map((m) => [m.kind, m.label]),
);

/** The sheets kind's mapping-editor helpers, for the web admin (which reaches connectors only through here). */
export {
  type SheetsConnectorConfig,
  type SheetsTransport,
  sheetsMappingEditor,
} from "./sheets/mapping-editor.js";

/** The slack kind's side of the Slack app (src/server/slack): its listeners create and edit Slack actions. */
export * from "./slack/slack-app.js";
