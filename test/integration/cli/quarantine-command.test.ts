import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.js";

/** A plan file with one good action and one whose due date is not a date. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "sightline-quarantine-"));
  writeFileSync(
    join(dir, "plan.yaml"),
    [
      "actions:",
      "  - { key: API, title: Payouts API, owner: ana@acme.example, status: todo, due: 2026-04-20 }",
      "  - { key: DOCS, title: Docs, owner: ana@acme.example, status: todo, due: end of Q2 }",
      "",
    ].join("\n"),
  );
  const config = join(dir, "sightline.config.yaml");
  writeFileSync(
    config,
    [
      "organisation: { name: Acme, timeZone: Europe/Paris }",
      `database: { path: ${join(dir, "store.db")} }`,
      "directory: { people: [{ id: ana, name: Ana, emails: [ana@acme.example] }] }",
      "connectors:",
      "  - { id: plan, kind: file, path: plan.yaml }",
      "  - { id: other, kind: file, path: plan.yaml, enabled: false }",
      "",
    ].join("\n"),
  );
  return config;
}

interface Entry {
  instance: string;
  nativeKey: string | null;
  reason: string;
}

describe("sightline quarantine", () => {
  it("lists what a sync could not read, by connector, as text and JSON", async () => {
    const config = workspace();
    const cli = (...args: string[]) => runCli(["--config", config, ...args]);
    expect((await cli("sync")).code).toBe(0);

    const text = await cli("quarantine");
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain("DOCS");
    expect(text.out).toContain("1 entry.");

    const json = await cli("quarantine", "--connector", "plan", "--json");
    const entries = JSON.parse(json.out) as Entry[];
    expect(entries.map((e) => [e.instance, e.nativeKey])).toEqual([["plan", "DOCS"]]);
    expect(entries[0]?.reason).toContain("end of Q2");

    const other = await cli("quarantine", "--connector", "other");
    expect(other.out).toContain("Nothing in quarantine for connector other");
  });

  it("refuses an unknown connector and a missing database with exit 2", async () => {
    const config = workspace();
    const unknown = await runCli(["--config", config, "quarantine", "--connector", "nope"]);
    expect(unknown.code).toBe(2);
    // No sync yet: the database does not exist, and a read-only command never creates it.
    expect(unknown.err).toContain("no Sightline database");
    expect((await runCli(["--config", config, "sync"])).code).toBe(0);
    const afterSync = await runCli(["--config", config, "quarantine", "--connector", "nope"]);
    expect(afterSync.code).toBe(2);
    expect(afterSync.err).toContain("--connector nope: no connector by that id");
    expect(afterSync.err).toContain("connectors: plan, other");
  });

  it("prints the version", async () => {
    const run = await runCli(["--version"]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
