// `sightline reconcile` killed after its transaction committed and before any alert went out: it opens the
// demo config on the given SQLite file, syncs, reconciles, then SIGKILLs itself (no cleanup, no delivery).
// Usage: node --import tsx reconcile-then-die.ts <config> <db>
import { openContext } from "../../../src/jobs/app-context.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import { reconcileStore } from "../../../src/jobs/reconcile-work.js";
import { syncConnector } from "../../../src/jobs/sync-work.js";

const [configPath, dbPath] = process.argv.slice(2);
if (!configPath || !dbPath) throw new Error("usage: reconcile-then-die.ts <config> <db>");
const ctx = await openContext(loadAppConfig(configPath, {}), { dbPath, today: "2026-01-12", env: {} });
for (const c of ctx.config.connectors) await syncConnector(ctx, c.id);
const { diff } = await reconcileStore(ctx);
process.stdout.write(`recorded ${diff.opened.length} opened\n`);
process.kill(process.pid, "SIGKILL");
