import { fork } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/cli-harness.js";

const CHILD = join(import.meta.dirname, "reconcile-then-die.ts");

function reconcileThenDie(db: string): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, ["sightline.config.yaml", db], {
      execArgv: ["--import", "tsx"],
      stdio: "pipe",
    });
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => resolve({ signal, out }));
  });
}

const messages = (out: string) => Number(/(\d+) messages sent, edited or printed/.exec(out)?.[1] ?? "NaN");

describe("the outbox: a reconcile killed before its alerts went out", () => {
  it("leaves them owed; the next delivery sends each once, and the one after sends nothing", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "sightline-outbox-")), "store.db");
    const died = await reconcileThenDie(db);
    expect(died.signal).toBe("SIGKILL");
    expect(died.out).toMatch(/recorded [1-9]\d* opened/);

    const first = await runCli(["--db", db, "alerts", "deliver"]);
    expect(first.code).toBe(0);
    // The same run on a database where nothing died: the same number of messages.
    const control = join(mkdtempSync(join(tmpdir(), "sightline-outbox-control-")), "store.db");
    expect((await runCli(["--db", control, "sync"])).code).toBe(0);
    expect((await runCli(["--db", control, "reconcile", "--today", "2026-01-12"])).code).toBe(0);
    const controlRun = await runCli(["--db", control, "alerts", "deliver"]);
    expect(messages(first.out)).toBeGreaterThan(0);
    expect(messages(first.out)).toBe(messages(controlRun.out));

    const second = await runCli(["--db", db, "alerts", "deliver"]);
    expect(messages(second.out)).toBe(0);
    // A reconcile with nothing new owes nothing either.
    const again = await runCli(["--db", db, "reconcile", "--today", "2026-01-12"]);
    expect(again.out).not.toMatch(/owed/);
  });
});
