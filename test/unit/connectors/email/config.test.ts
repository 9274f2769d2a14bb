import { describe, expect, it } from "vitest";
import { emailConnectorConfigSchema } from "../../../../connectors/email/config.js";
import { createEmailConnector } from "../../../../connectors/email/connector.js";
import { EmailError } from "../../../../connectors/email/errors.js";
import { ConfigError, ConfigRegistry, loadConfig } from "../../../../src/config/index.js";

const schema = emailConnectorConfigSchema({ resolvePath: (p) => `/etc/sightline/${p}` });
const live = { host: "imap.acmepay.example", userEnv: "IMAP_USER", passwordEnv: "IMAP_PASSWORD" };

describe("the `email` connector kind's options", () => {
  it("defaults to IMAPS on 993, INBOX, the [action] tag, IDLE, and the organisation's time zone", () => {
    expect(schema.parse(live)).toEqual({
      ...live,
      port: 993,
      secure: true,
      allowPlaintext: false,
      mailbox: "INBOX",
      tag: "[action]",
      pollSeconds: 60,
      idle: true,
      batchSize: 200,
    });
  });

  it("defaults to port 143 without TLS from the first byte, and keeps an explicit port", () => {
    expect(schema.parse({ ...live, secure: false }).port).toBe(143);
    expect(schema.parse({ ...live, port: 1143 }).port).toBe(1143);
  });

  it("requires the server and the names of the credentials' variables, unless it replays recorded mail", () => {
    const failed = schema.safeParse({ mailbox: "Actions" });
    expect(failed.success).toBe(false);
    expect(failed.error?.issues.map((i) => i.path.join("."))).toEqual(["host", "userEnv", "passwordEnv"]);
    expect(schema.parse({ recorded: "fixtures/email/demo" }).recorded).toBe(
      "/etc/sightline/fixtures/email/demo",
    );
  });

  it("refuses a secret in place of a variable name, an unknown time zone and unknown keys", () => {
    expect(schema.safeParse({ ...live, passwordEnv: "hunter2!" }).success).toBe(false);
    expect(schema.safeParse({ ...live, timeZone: "Mars/Olympus" }).success).toBe(false);
    expect(schema.parse({ ...live, timeZone: "europe/paris" }).timeZone).toBe("Europe/Paris");
    expect(schema.safeParse({ ...live, password: "x" }).success).toBe(false);
  });

  it("names the missing variable when the connector is built", async () => {
    const config = schema.parse(live);
    const error = await createEmailConnector("mail-actions", config, {
      organisationTimeZone: "Europe/Paris",
      env: { IMAP_USER: "actions@acmepay.example" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailError);
    expect(error).toMatchObject({
      code: "email_missing_secret",
      message: expect.stringContaining("IMAP_PASSWORD"),
    });
  });
});

describe("an `email` instance in sightline.config.yaml, with the kind registered", () => {
  const registry = new ConfigRegistry().registerConnectorKind("email", emailConnectorConfigSchema);
  const file = (connector: string) => `organisation: { name: Acme Pay, timeZone: Europe/Paris }
connectors:
${connector}`;
  const load = (text: string) =>
    loadConfig("/srv/sightline/sightline.config.yaml", {}, { registry, readFile: () => text });

  it("keeps the shared keys and resolves the recorded folder against the config file", () => {
    const config = load(
      file("  - { id: mail-actions, kind: email, recorded: fixtures/email/demo, syncEveryMinutes: 5 }"),
    );
    expect(config.connectors[0]).toMatchObject({
      id: "mail-actions",
      kind: "email",
      syncEveryMinutes: 5,
      recorded: "/srv/sightline/fixtures/email/demo",
      tag: "[action]",
    });
  });

  it("names the file, line and key of a bad option", () => {
    const error = (() => {
      try {
        load(
          file(
            "  - id: mail-actions\n    kind: email\n    host: imap.acmepay.example\n    userEnv: U\n    passwordEnv: P\n    pollSeconds: 1",
          ),
        );
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({
      message: expect.stringMatching(/sightline\.config\.yaml:\d+.*pollSeconds/s),
    });
  });
});
