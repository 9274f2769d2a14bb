import { z } from "zod";
import { loadMappingFile } from "../../src/mapping/index.js";
import { ValidationError } from "../../src/model/index.js";
import type { ConfigContext } from "../../src/sync/manifest.js";
import { createAuthClient, ENV, type GoogleCredentials } from "./auth.js";
import { createGoogleSheetsTransport } from "./client.js";
import { createSheetsConnector, type SheetsConnector } from "./connector.js";
import { SheetsError } from "./errors.js";
import { createRecordedTransport, loadRecordedSheet } from "./recorded-transport.js";
import type { SheetsTransport } from "./transport.js";

const envName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    "an environment variable name (letters, digits, _), not the secret itself",
  );

/** Only the names of environment variables live in the config file, never the secrets. */
export const SheetsAuthConfigSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("key_file"), keyFileEnv: envName.default(ENV.keyFile) }),
  z.strictObject({
    type: z.literal("oauth_user"),
    clientIdEnv: envName.default(ENV.clientId),
    clientSecretEnv: envName.default(ENV.clientSecret),
    refreshTokenEnv: envName.default(ENV.refreshToken),
  }),
]);
export type SheetsAuthConfig = z.output<typeof SheetsAuthConfigSchema>;

/** Options of a `kind: sheets` connector instance in sightline.config.yaml (id, kind and the base keys apart). */
export function sheetsConnectorConfigSchema(ctx: ConfigContext) {
  const path = z
    .string()
    .trim()
    .min(1)
    .transform((p) => ctx.resolvePath(p));
  return z.strictObject({
    /** The mapping file (mappings/*.yaml) naming the spreadsheet and its columns. */
    mapping: path,
    auth: SheetsAuthConfigSchema.default({ type: "key_file", keyFileEnv: ENV.keyFile }),
    /** API root for a proxy (Sheets and Drive alike). */
    rootUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Replay recorded responses from this folder instead of calling Google: the demo, no credentials. */
    recorded: path.optional(),
    rowsPerRequest: z.int().min(100).max(100_000).default(10_000),
    pageSize: z.int().min(1).max(100_000).default(2_000),
  });
}
export type SheetsConnectorConfig = z.output<ReturnType<typeof sheetsConnectorConfigSchema>>;

export function credentialsFromConfig(
  auth: SheetsAuthConfig,
  env: Readonly<Record<string, string | undefined>>,
): GoogleCredentials {
  const need = (name: string): string => {
    const value = env[name];
    if (!value) {
      throw new SheetsError(
        "sheets_credentials_missing",
        `environment variable ${name} is not set (Google credentials)`,
      );
    }
    return value;
  };
  if (auth.type === "key_file") return { type: "key_file", keyFile: need(auth.keyFileEnv) };
  return {
    type: "oauth_user",
    clientId: need(auth.clientIdEnv),
    clientSecret: need(auth.clientSecretEnv),
    refreshToken: need(auth.refreshTokenEnv),
  };
}

/** Builds a configured instance: loads its mapping, then a recorded or a live Google transport. */
export async function createSheetsConnectorFromConfig(
  instance: string,
  config: SheetsConnectorConfig,
  options: { env?: Readonly<Record<string, string | undefined>>; transport?: SheetsTransport } = {},
): Promise<SheetsConnector> {
  const { mapping } = await loadMappingFile(config.mapping);
  if (mapping.kind !== "sheets") {
    throw new ValidationError(config.mapping, [
      `kind: the sheets connector "${instance}" needs a kind: sheets mapping`,
    ]);
  }
  let transport = options.transport;
  if (!transport && config.recorded)
    transport = createRecordedTransport(await loadRecordedSheet(config.recorded));
  if (!transport) {
    const auth = await createAuthClient(credentialsFromConfig(config.auth, options.env ?? process.env));
    transport = createGoogleSheetsTransport({ auth, ...(config.rootUrl ? { rootUrl: config.rootUrl } : {}) });
  }
  return createSheetsConnector({
    instance,
    mapping,
    transport,
    rowsPerRequest: config.rowsPerRequest,
    pageSize: config.pageSize,
  });
}
