import { fileConnectorFromConfig } from "../../connectors/file/index.js";
import { type ConnectorConfig, isFileConnector } from "../config/index.js";
import { SightlineError } from "../model/index.js";
import type { Connector } from "../sync/index.js";

export class UnknownConnectorError extends SightlineError {
  constructor(message: string) {
    super("unknown_connector", message);
  }
}

/** Builds the connector for one configured instance. The only place that knows every connector kind. */
export function createConnector(config: ConnectorConfig): Connector {
  if (isFileConnector(config)) return fileConnectorFromConfig(config);
  throw new UnknownConnectorError(
    `connector "${config.id}": kind "${config.kind}" is not available in this build (known kinds: file)`,
  );
}
