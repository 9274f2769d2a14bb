import { resolve } from "node:path";
import { CONNECTORS, findManifest } from "../../connectors/registry.js";
import {
  type ConfigContext,
  type ConfigRegistry,
  type ConnectorConfig,
  connectorOptions,
  type SightlineConfig,
} from "../config/index.js";
import { SightlineError } from "../model/index.js";
import type { Connector, ConnectorDeps, ConnectorManifest } from "../sync/index.js";

export class UnknownConnectorError extends SightlineError {
  constructor(message: string) {
    super("unknown_connector", message);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** What a caller may add to a connector's deps: everything but what the config and the environment give. */
export type ConnectorFlags = Omit<ConnectorDeps, "env" | "organisationTimeZone">;

/** Lets src/config validate each kind's options (config never imports connectors; this wiring does). */
export function registerConnectorKinds(registry: ConfigRegistry): ConfigRegistry {
  for (const m of CONNECTORS) {
    if (!registry.connectorKindSchema(m.kind)) registry.registerConnectorKind(m.kind, m.configSchema);
  }
  return registry;
}

/** The manifest of a configured instance's kind, or an error naming the kinds this build has. */
export function manifestOf(config: Pick<ConnectorConfig, "id" | "kind">): ConnectorManifest {
  const manifest = findManifest(config.kind);
  if (manifest) return manifest;
  throw new UnknownConnectorError(
    `connector "${config.id}": kind "${config.kind}" is not available in this build (known kinds: ${CONNECTORS.map((m) => m.kind).join(", ")})`,
  );
}

/**
 * Builds the connector for one configured instance. The options were validated when the config loaded; they
 * are parsed again here to get their type back (paths are absolute by then, so resolving is a no-op).
 */
export async function createConnector(
  config: ConnectorConfig,
  app: Pick<SightlineConfig, "dir" | "organisation">,
  env: Env = process.env,
  flags: ConnectorFlags = { fullScan: false },
): Promise<Connector> {
  const built = await buildConnector(config, app, env, flags);
  return built.connector;
}

/** The connector with its manifest and typed options, for callers that need more than pulling (webhooks). */
export async function buildConnector(
  config: ConnectorConfig,
  app: Pick<SightlineConfig, "dir" | "organisation">,
  env: Env = process.env,
  flags: ConnectorFlags = { fullScan: false },
): Promise<{ manifest: ConnectorManifest; options: unknown; connector: Connector }> {
  const manifest = manifestOf(config);
  const ctx: ConfigContext = { configDir: app.dir, env, resolvePath: (p) => resolve(app.dir, p) };
  const options = manifest.configSchema(ctx).parse(connectorOptions(config));
  const connector = await manifest.create(config.id, options, {
    ...flags,
    env,
    organisationTimeZone: app.organisation.timeZone,
  });
  return { manifest, options, connector };
}
