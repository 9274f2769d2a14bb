import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuthClient, credentialsFromEnv } from "../../../../connectors/sheets/auth.js";
import { createGoogleSheetsTransport } from "../../../../connectors/sheets/client.js";
import { DRIVE_HOST, record, resetMocks, SPREADSHEET_ID, seen, TOKEN_HOST } from "./google-mock.js";

const dir = mkdtempSync(join(tmpdir(), "sightline-sheets-auth-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(resetMocks);
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  resetMocks();
});

function decodeJwtPart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
}

describe("Google credentials", () => {
  it("signs a JWT with the service account key and exchanges it at the token endpoint", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyFile = join(dir, "service-account.json");
    writeFileSync(
      keyFile,
      JSON.stringify({
        type: "service_account",
        project_id: "sightline-test",
        private_key_id: "abc123",
        private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        client_email: "sightline@sightline-test.iam.gserviceaccount.com",
        client_id: "1234567890",
        token_uri: "https://oauth2.googleapis.com/token",
      }),
    );
    const grants: URLSearchParams[] = [];
    record(
      nock(TOKEN_HOST)
        .post("/token")
        .reply(200, async (req: Request) => {
          grants.push(new URLSearchParams(await req.text()));
          return { access_token: "ya29.service-account-token", expires_in: 3599, token_type: "Bearer" };
        }),
    );
    record(
      nock(DRIVE_HOST, { reqheaders: { authorization: "Bearer ya29.service-account-token" } })
        .get(`/drive/v3/files/${SPREADSHEET_ID}`)
        .query(true)
        .reply(200, { version: "5", modifiedTime: "2026-01-12T09:30:00.000Z" }),
    );

    const auth = await createAuthClient(credentialsFromEnv({ GOOGLE_APPLICATION_CREDENTIALS: keyFile }), {
      readOnly: true,
    });
    const transport = createGoogleSheetsTransport({ auth });
    await expect(transport.getFileVersion(SPREADSHEET_ID)).resolves.toEqual({
      version: "5",
      modifiedTime: "2026-01-12T09:30:00.000Z",
    });

    expect(grants).toHaveLength(1);
    const params = grants[0]!;
    expect(params.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    const [head, payload] = (params.get("assertion") ?? "").split(".");
    expect(decodeJwtPart(head)).toEqual({ alg: "RS256" });
    expect(decodeJwtPart(payload)).toMatchObject({
      iss: "sightline@sightline-test.iam.gserviceaccount.com",
      aud: "https://oauth2.googleapis.com/token",
      scope:
        "https://www.googleapis.com/auth/spreadsheets.readonly https://www.googleapis.com/auth/drive.metadata.readonly",
    });
    expect(seen).toHaveLength(2);
  });

  it("prefers OAuth user credentials from the environment and names the variables when none are set", () => {
    expect(
      credentialsFromEnv({
        SIGHTLINE_GOOGLE_CLIENT_ID: "id",
        SIGHTLINE_GOOGLE_CLIENT_SECRET: "secret",
        SIGHTLINE_GOOGLE_REFRESH_TOKEN: "1//r",
        GOOGLE_APPLICATION_CREDENTIALS: "/ignored.json",
      }),
    ).toEqual({ type: "oauth_user", clientId: "id", clientSecret: "secret", refreshToken: "1//r" });
    expect(() => credentialsFromEnv({})).toThrow(
      /GOOGLE_APPLICATION_CREDENTIALS.*SIGHTLINE_GOOGLE_CLIENT_ID, SIGHTLINE_GOOGLE_CLIENT_SECRET and SIGHTLINE_GOOGLE_REFRESH_TOKEN/,
    );
  });

  it("rejects a key file that is neither a service account nor an authorized_user file", async () => {
    const keyFile = join(dir, "wrong.json");
    writeFileSync(keyFile, JSON.stringify({ type: "service_account", client_email: "x@y" }));
    await expect(createAuthClient({ type: "key_file", keyFile })).rejects.toMatchObject({
      code: "sheets_credentials_invalid",
      message: expect.stringContaining("private_key"),
    });
  });

  it("reports an invalid_grant from the token endpoint as an authorization failure", async () => {
    record(
      nock(TOKEN_HOST)
        .post("/token")
        .reply(400, { error: "invalid_grant", error_description: "Token has been expired or revoked." }),
    );
    const auth = await createAuthClient({
      type: "oauth_user",
      clientId: "id",
      clientSecret: "secret",
      refreshToken: "1//revoked",
    });
    const transport = createGoogleSheetsTransport({ auth, retry: { sleep: async () => {} } });
    await expect(transport.getFileVersion(SPREADSHEET_ID)).rejects.toMatchObject({
      code: "sheets_unauthorized",
      message: expect.stringContaining("invalid_grant: Token has been expired or revoked."),
    });
  });
});
