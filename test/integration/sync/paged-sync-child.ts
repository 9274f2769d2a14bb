// Child process for crash-resume.test.ts: syncs a paged source into a real SQLite file and, when asked, kills
// itself with SIGKILL right after a page committed — no cleanup, no finally blocks, like a power cut.
import { openStore } from "../../../src/store/index.js";
import type { Connector, SyncPage } from "../../../src/sync/index.js";
import { runSync } from "../../../src/sync/index.js";

const [dbPath, pagesArg, perPageArg, killAfterArg] = process.argv.slice(2);
const pages = Number(pagesArg);
const perPage = Number(perPageArg);
const killAfter = Number(killAfterArg ?? "0");

const connector: Connector = {
  source: { kind: "test", instance: "paged" },
  check: async () => ({ ok: true, detail: "paged test source" }),
  async *pull(cursor: unknown): AsyncIterable<SyncPage> {
    const start = typeof cursor === "number" ? cursor : 0;
    process.stdout.write(`resumed-at ${start}\n`);
    for (let p = start; p < pages; p++) {
      const items = Array.from({ length: perPage }, (_, i) => {
        const key = `K-${p * perPage + i}`;
        return {
          kind: "record" as const,
          record: { nativeKey: key, title: `Item ${key}`, status: "todo", due: "2026-03-01" },
          origin: { location: `page ${p} item ${i}`, nativeKey: key },
        };
      });
      yield { items, cursor: p + 1 };
    }
  },
};

const store = await openStore(dbPath ?? "");
await runSync(connector, store.sync, {
  onProgress: (p) => {
    if (killAfter > 0 && p.pages === killAfter) process.kill(process.pid, "SIGKILL");
  },
});
await store.close();
process.stdout.write("finished\n");
