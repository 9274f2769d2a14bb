import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/index.js";

const child = join(import.meta.dirname, "paged-sync-child.ts");

function runChild(db: string, killAfter: number) {
  return spawnSync(process.execPath, ["--import", "tsx", child, db, "5", "40", String(killAfter)], {
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("a sync killed between pages", () => {
  it("resumes at the next page on the next run, with no duplicates and no gaps", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "sightline-crash-")), "store.db");

    const killed = runChild(db, 2);
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.stdout).not.toContain("finished");

    const afterCrash = await openStore(db);
    expect(await afterCrash.actions.list()).toHaveLength(80);
    expect(await afterCrash.sync.readCursor("paged")).toBe(2);
    await afterCrash.close();

    const resumed = runChild(db, 0);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain("resumed-at 2");
    expect(resumed.stdout).toContain("finished");

    const store = await openStore(db);
    const actions = await store.actions.list();
    const keys = actions.map((a) => a.nativeKey).sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)));
    expect(keys).toEqual(Array.from({ length: 200 }, (_, i) => `K-${i}`));
    expect(await store.sync.readCursor("paged")).toBe(5);

    // The history is exactly what one uninterrupted run writes: nothing was written twice.
    const controlDb = join(mkdtempSync(join(tmpdir(), "sightline-control-")), "store.db");
    expect(runChild(controlDb, 0).status).toBe(0);
    const control = await openStore(controlDb);
    const shape = async (s: typeof store) => {
      const out: (readonly [string, string[]])[] = [];
      for (const a of await s.actions.list()) {
        out.push([a.id, (await s.actions.history(a.id)).map((e) => `${e.field}:${e.to}`)] as const);
      }
      return out;
    };
    expect(await shape(store)).toEqual(await shape(control));
    expect((await shape(store)).every(([, events]) => events.length > 0)).toBe(true);
    await control.close();
    await store.close();
  });
});
