import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  createSheetsConnectorFromConfig,
  credentialsFromConfig,
  sheetsConnectorConfigSchema,
} from "../../../../connectors/sheets/config.js";
import type { ConfigContext } from "../../../../src/config/registry.js";

const ctx: ConfigContext = {
  configDir: process.cwd(),
  resolvePath: (p) => resolve(process.cwd(), p),
  env: {},
};

describe("sheets connector config", () => {
  it("builds the demo instance from its config: mapping file plus recorded responses, no credentials", async () => {
    const config = sheetsConnectorConfigSchema(ctx).parse({
      mapping: "mappings/demo-marketing-plan.yaml",
      recorded: "fixtures/sheets/marketing-plan",
    });
    expect(config).toMatchObject({
      auth: { type: "key_file", keyFileEnv: "GOOGLE_APPLICATION_CREDENTIALS" },
      rowsPerRequest: 10_000,
    });
    const connector = await createSheetsConnectorFromConfig("mkt-plan", config);
    const keys: string[] = [];
    for await (const page of connector.pull(null)) {
      for (const item of page.items) if (item.kind === "record") keys.push(item.origin.nativeKey ?? "");
    }
    expect(keys).toEqual(["MKT-6", "MKT-7", "MKT-8", "MKT-9"]);
    expect(connector.source).toEqual({ kind: "sheets", instance: "mkt-plan" });
  });

  it("keeps only variable names in the config and says which one is missing at start-up", () => {
    const schema = sheetsConnectorConfigSchema(ctx);
    expect(
      schema.safeParse({ mapping: "m.yaml", auth: { type: "oauth_user", clientIdEnv: "not a name!" } })
        .success,
    ).toBe(false);
    const { auth } = schema.parse({ mapping: "m.yaml", auth: { type: "oauth_user" } });
    expect(() =>
      credentialsFromConfig(auth, { SIGHTLINE_GOOGLE_CLIENT_ID: "id", SIGHTLINE_GOOGLE_CLIENT_SECRET: "s" }),
    ).toThrow("environment variable SIGHTLINE_GOOGLE_REFRESH_TOKEN is not set");
  });

  it("refuses a csv mapping for a sheets instance", async () => {
    const config = sheetsConnectorConfigSchema(ctx).parse({ mapping: "fixtures/sheets/csv-mapping.yaml" });
    await expect(createSheetsConnectorFromConfig("x", config)).rejects.toMatchObject({
      code: "validation_failed",
    });
  });
});
