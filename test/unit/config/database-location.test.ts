import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/config/errors.js";
import { loadConfig } from "../../../src/config/load-config.js";
import { databaseLocation } from "../../../src/jobs/app-context.js";

const ORG = "organisation:\n  name: Acme Pay\n  timeZone: Europe/Paris\n";

function config(database: string) {
  const dir = mkdtempSync(join(tmpdir(), "sightline-dbloc-"));
  const file = join(dir, "sightline.config.yaml");
  writeFileSync(file, `${ORG}${database}`);
  return { dir, load: () => loadConfig(file, {}) };
}

describe("where the store lives", () => {
  it("is the SQLite file by default, resolved against the config's folder", () => {
    const { dir, load } = config("");
    expect(databaseLocation(load(), {})).toBe(join(dir, ".sightline/sightline.db"));
  });

  it("is PostgreSQL when the config gives a URL, with the password from the variable it names", () => {
    const { load } = config(
      "database:\n  url: postgres://sightline@db.internal:5432/sightline\n  passwordEnv: SIGHTLINE_DB_PASSWORD\n",
    );
    expect(databaseLocation(load(), { SIGHTLINE_DB_PASSWORD: "p@ss:w/rd" })).toBe(
      "postgres://sightline:p%40ss%3Aw%2Frd@db.internal:5432/sightline",
    );
    expect(() => databaseLocation(load(), {})).toThrow(/SIGHTLINE_DB_PASSWORD, which is not set/);
  });

  it("takes SIGHTLINE_DATABASE_URL over the config", () => {
    const { load } = config("database:\n  url: postgres://sightline@db:5432/sightline\n");
    expect(databaseLocation(load(), { SIGHTLINE_DATABASE_URL: "postgres://other@pg:5432/x" })).toBe(
      "postgres://other@pg:5432/x",
    );
  });

  it("refuses a password written in the config's URL, and a URL that is not PostgreSQL", () => {
    for (const url of ["postgres://sightline:hunter2@db:5432/sightline", "mysql://db/sightline"]) {
      const { load } = config(`database:\n  url: ${url}\n`);
      let error: unknown;
      try {
        load();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).toContain("database.url");
      expect(String(error)).not.toContain("hunter2");
    }
  });
});
