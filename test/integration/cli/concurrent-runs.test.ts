import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.js";

// Separate OS processes on one SQLite file, as cron or two terminals run them: each better-sqlite3 connection
// blocks its own process, so only processes show whether a second writer waits (IMMEDIATE + busy_timeout)
// instead of failing with "database is locked".
const dir = mkdtempSync(join(tmpdir(), "sightline-concurrent-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ACTIONS_PER_PLAN = 2000;

function plan(prefix: string, round: number): string {
  const lines = ["actions:"];
  for (let i = 1; i <= ACTIONS_PER_PLAN; i++) {
    lines.push(
      `  - key: ${prefix}-${i}`,
      `    title: ${prefix} task ${i} (round ${round})`,
      "    owner: priya.raman@acmepay.example",
      "    status: todo",
      "    start: 2026-02-01",
      "    due: 2026-03-01",
      ...(i > 1 ? [`    dependsOn: [${prefix}-${i - 1}]`] : []),
    );
  }
  return `${lines.join("\n")}\n`;
}

function writePlans(round: number): void {
  writeFileSync(join(dir, "plan-a.yaml"), plan("A", round));
  writeFileSync(join(dir, "plan-b.yaml"), plan("B", round));
}

function writeConfig(db: string): string {
  copyFileSync("fixtures/demo/people.yaml", join(dir, "people.yaml"));
  writePlans(1);
  const config = join(dir, "sightline.config.yaml");
  writeFileSync(
    config,
    [
      "organisation: { name: Acme Pay, timeZone: Europe/Paris, currency: EUR }",
      `database: { path: ${db} }`,
      "directory: { file: people.yaml }",
      "connectors:",
      "  - { id: plan-a, kind: file, path: plan-a.yaml }",
      "  - { id: plan-b, kind: file, path: plan-b.yaml }",
      "",
    ].join("\n"),
  );
  return config;
}

interface Exit {
  code: number | null;
  out: string;
  err: string;
}

function sightline(config: string, args: string[]): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/sightline.js", "--config", config, ...args], {
      env: { PATH: process.env.PATH ?? "" },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

describe("several sightline processes on one SQLite file", () => {
  it("two syncs of different connectors and a conflicts listing at once all succeed, twice over", async () => {
    const db = join(dir, "shared.db");
    const config = writeConfig(db);

    for (const round of [1, 2]) {
      // Round 2 changes every title, so both syncs write as much as in round 1.
      writePlans(round);
      const runs = await Promise.all([
        sightline(config, ["sync", "--connector", "plan-a"]),
        sightline(config, ["sync", "--connector", "plan-b"]),
        ...(round === 2 ? [sightline(config, ["conflicts", "--json", "--today"])] : []),
      ]);
      for (const run of runs) expect(run, run.err).toMatchObject({ code: 0 });
    }

    const listed = await runCli(["--config", config, "actions", "--json"]);
    expect(listed.code).toBe(0);
    const actions = JSON.parse(listed.out) as { id: string; title: string }[];
    for (const instance of ["plan-a", "plan-b"]) {
      const own = actions.filter((a) => a.id.startsWith(`${instance}:`));
      expect(own).toHaveLength(ACTIONS_PER_PLAN);
      expect(own.every((a) => a.title.endsWith("(round 2)"))).toBe(true);
    }
  });

  it("a reconcile beside a sync both succeed", async () => {
    const db = join(dir, "reconcile.db");
    const config = writeConfig(db);
    expect((await sightline(config, ["sync", "--connector", "plan-a"])).code).toBe(0);

    const [sync, reconcile] = await Promise.all([
      sightline(config, ["sync", "--connector", "plan-b"]),
      sightline(config, ["reconcile", "--today", "2026-01-12"]),
    ]);

    expect(sync, sync.err).toMatchObject({ code: 0 });
    expect(reconcile, reconcile.err).toMatchObject({ code: 0 });
  });
});

describe("opening the database", () => {
  it("says so when the database's folder cannot be created, without a stack trace", async () => {
    const blocker = join(dir, "a-file");
    writeFileSync(blocker, "not a folder");
    const config = writeConfig(join(blocker, "sightline.db"));

    const run = await runCli(["--config", config, "sync"]);

    expect(run.code).not.toBe(0);
    expect(run.err).toContain(`cannot create the database folder ${blocker} (EEXIST)`);
    expect(run.err).not.toMatch(/\n\s+at /);
  });

  it("a read command on a mistyped path reports it and creates nothing", async () => {
    const config = writeConfig(join(dir, "never.db"));

    const typo = join(dir, "typo.db");

    for (const command of ["conflicts", "actions"]) {
      const run = await runCli(["--config", config, "--db", typo, command]);
      expect(run.code).not.toBe(0);
      expect(run.err).toContain(`no Sightline database at ${typo}`);
    }
    expect(existsSync(typo)).toBe(false);
  });
});
