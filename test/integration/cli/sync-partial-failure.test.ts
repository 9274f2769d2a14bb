import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.js";

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "sightline-partial-"));
  const plan = (key: string) =>
    `actions:\n  - { key: ${key}, title: Work ${key}, owner: ana@acme.example, status: todo, due: 2026-04-03 }\n`;
  writeFileSync(join(dir, "a.yaml"), plan("A-1"));
  writeFileSync(join(dir, "b.yaml"), plan("B-1"));
  writeFileSync(
    join(dir, "sightline.config.yaml"),
    [
      "organisation: { name: Acme, timeZone: Europe/Paris }",
      `database: { path: ${join(dir, "store.db")} }`,
      "directory: { people: [{ id: ana, name: Ana, emails: [ana@acme.example] }] }",
      "connectors:",
      "  - { id: plan-a, kind: file, path: a.yaml }",
      "  - { id: gone, kind: file, path: moved-away.yaml }",
      "  - { id: plan-b, kind: file, path: b.yaml }",
      "",
    ].join("\n"),
  );
  return join(dir, "sightline.config.yaml");
}

describe("sightline sync with one broken connector", () => {
  it("syncs the others, prints every result, exits non-zero, and reconcile still runs after it", async () => {
    const config = workspace();
    const run = await runCli(["--config", config, "sync"]);
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/plan-a/);
    expect(run.out).toMatch(/plan-b/);
    expect(run.err).toMatch(/gone failed: .*moved-away\.yaml/);
    expect(run.err).toContain("1 of 3 connectors failed (gone); the others synced");

    const listed = await runCli(["--config", config, "actions", "--json"]);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain("plan-a:A-1");
    expect(listed.out).toContain("plan-b:B-1");
    expect((await runCli(["--config", config, "reconcile"])).code).toBe(0);

    // Afterwards, `sources` tells which one failed and why, as the sources page does.
    const sources = await runCli(["--config", config, "sources"]);
    expect(sources.code).toBe(0);
    const row = (id: string) => sources.out.split("\n").find((l) => l.startsWith(`${id} `)) ?? "";
    expect(row("plan-a")).toMatch(/^plan-a\s+file\s+ok\s+\S+\s+1\s+0$/);
    expect(row("gone")).toMatch(/^gone\s+file\s+failed\s/);
    expect(sources.out).toMatch(/^gone: failed: .*moved-away\.yaml/m);
    expect(sources.out).not.toMatch(/^plan-a:/m);
    const monitored = await runCli(["--config", config, "sources", "--fail-on-error"]);
    expect(monitored.code).toBe(2);
    const json = JSON.parse((await runCli(["--config", config, "sources", "--json"])).out) as Array<{
      id: string;
      lastRun: { status: string } | null;
    }>;
    expect(json.map((s) => [s.id, s.lastRun?.status])).toEqual([
      ["plan-a", "ok"],
      ["gone", "failed"],
      ["plan-b", "ok"],
    ]);
  });

  it("keeps failing loudly for the one connector asked for", async () => {
    const run = await runCli(["--config", workspace(), "sync", "--connector", "gone"]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/moved-away\.yaml/);
  });
});
