import { readFile } from "node:fs/promises";
import { auth as googleAuth } from "@googleapis/sheets";
import { z } from "zod";
import { SheetsError } from "./errors.js";

/**
 * Google credentials. The auth classes come from the google-auth-library copy that @googleapis/sheets and
 * @googleapis/drive are built against (re-exported as `auth`): the top-level google-auth-library is a
 * different minor version whose client types the generated API clients do not accept without a cast.
 */
export type GoogleAuthClient = InstanceType<typeof googleAuth.OAuth2>;

export type GoogleCredentials =
  /** A service account key file (JSON) such as GOOGLE_APPLICATION_CREDENTIALS points to; share the sheet with its e-mail. */
  | { type: "key_file"; keyFile: string }
  /** OAuth user credentials: a refresh token obtained once through the consent screen. */
  | { type: "oauth_user"; clientId: string; clientSecret: string; refreshToken: string }
  /** A ready access token (a proxy that adds auth, tests, benchmarks); never refreshed. */
  | { type: "access_token"; accessToken: string };

export const SCOPES_READ_WRITE = [
  "https://www.googleapis.com/auth/spreadsheets",
  "https://www.googleapis.com/auth/drive.metadata.readonly",
];
export const SCOPES_READ_ONLY = [
  "https://www.googleapis.com/auth/spreadsheets.readonly",
  "https://www.googleapis.com/auth/drive.metadata.readonly",
];

export const ENV = {
  keyFile: "GOOGLE_APPLICATION_CREDENTIALS",
  clientId: "SIGHTLINE_GOOGLE_CLIENT_ID",
  clientSecret: "SIGHTLINE_GOOGLE_CLIENT_SECRET",
  refreshToken: "SIGHTLINE_GOOGLE_REFRESH_TOKEN",
} as const;

/** Service account key or gcloud "authorized_user" file: both can sit behind GOOGLE_APPLICATION_CREDENTIALS. */
const KeyFileSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("service_account"),
    client_email: z.string().min(1),
    private_key: z.string().min(1),
    private_key_id: z.string().optional(),
  }),
  z.object({
    type: z.literal("authorized_user"),
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
    refresh_token: z.string().min(1),
  }),
]);

/** OAuth user credentials when all three variables are set, else the key file; names the variables when neither. */
export function credentialsFromEnv(env: Record<string, string | undefined> = process.env): GoogleCredentials {
  const clientId = env[ENV.clientId];
  const clientSecret = env[ENV.clientSecret];
  const refreshToken = env[ENV.refreshToken];
  if (clientId && clientSecret && refreshToken)
    return { type: "oauth_user", clientId, clientSecret, refreshToken };
  const keyFile = env[ENV.keyFile];
  if (keyFile) return { type: "key_file", keyFile };
  throw new SheetsError(
    "sheets_credentials_missing",
    `no Google credentials: set ${ENV.keyFile} to a service account key file, or ${ENV.clientId}, ` +
      `${ENV.clientSecret} and ${ENV.refreshToken} for OAuth user credentials`,
  );
}

async function fromKeyFile(path: string, scopes: string[]): Promise<GoogleAuthClient> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new SheetsError(
      "sheets_credentials_invalid",
      `cannot read Google key file ${path}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  const parsed = KeyFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new SheetsError(
      "sheets_credentials_invalid",
      `${path} is neither a service account key nor an authorized_user file: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const key = parsed.data;
  if (key.type === "authorized_user") {
    const client = new googleAuth.OAuth2({ clientId: key.client_id, clientSecret: key.client_secret });
    client.setCredentials({ refresh_token: key.refresh_token });
    return client;
  }
  return new googleAuth.JWT({
    email: key.client_email,
    key: key.private_key,
    keyId: key.private_key_id,
    scopes,
  });
}

/** Builds the auth client; tokens are fetched (POST https://oauth2.googleapis.com/token) on first use. */
export async function createAuthClient(
  credentials: GoogleCredentials,
  options: { readOnly?: boolean } = {},
): Promise<GoogleAuthClient> {
  const scopes = options.readOnly ? SCOPES_READ_ONLY : SCOPES_READ_WRITE;
  switch (credentials.type) {
    case "key_file":
      return fromKeyFile(credentials.keyFile, scopes);
    case "oauth_user": {
      const client = new googleAuth.OAuth2({
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
      });
      client.setCredentials({ refresh_token: credentials.refreshToken });
      return client;
    }
    case "access_token": {
      const client = new googleAuth.OAuth2();
      client.setCredentials({ access_token: credentials.accessToken, expiry_date: Number.MAX_SAFE_INTEGER });
      return client;
    }
  }
}
