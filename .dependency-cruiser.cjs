/**
 * The architecture's layer rules (DESIGN.md), checked by `npm run layers` in CI: imports point inward, and
 * connectors are reached through connectors/registry.ts.
 * https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md
 */
module.exports = {
  forbidden: [
    {
      name: "model-is-the-core",
      comment: "src/model imports nothing of ours: every other layer builds on it.",
      severity: "error",
      from: { path: "^src/model/" },
      to: { path: "^(src|connectors)/", pathNot: "^src/model/" },
    },
    {
      name: "reconcile-is-pure",
      comment: "The reconciler sees only the model: no store, queue, HTTP, config or connector.",
      severity: "error",
      from: { path: "^src/reconcile/" },
      to: { path: "^(src|connectors)/", pathNot: "^src/(model|reconcile)/" },
    },
    {
      name: "http-is-a-leaf",
      comment:
        "src/http is the one HTTP layer (body limits, replies) that the server's routes and the web admin share.",
      severity: "error",
      from: { path: "^src/http/" },
      to: { path: "^(src|connectors)/", pathNot: "^src/http/" },
    },
    {
      name: "sync-builds-on-the-model",
      comment:
        "src/sync (the connector contract, manifest and engine) is what connectors build on: only the model.",
      severity: "error",
      from: { path: "^src/sync/" },
      to: { path: "^(src|connectors)/", pathNot: "^src/(model|sync)/" },
    },
    {
      name: "mapping-builds-on-sync",
      comment: "The column-mapping engine is pure code over the model and the page items of src/sync.",
      severity: "error",
      from: { path: "^src/mapping/" },
      to: { path: "^(src|connectors)/", pathNot: "^src/(model|sync|mapping)/" },
    },
    {
      name: "connectors-stay-in-their-folder",
      comment:
        "A connector imports the model, src/sync, src/mapping and its own folder: no store, config loader, queue or other connector.",
      severity: "error",
      from: { path: "^connectors/([^/]+)/" },
      to: { path: "^(src|connectors)/", pathNot: "^(connectors/$1/|src/(model|sync|mapping)/)" },
    },
    {
      name: "the-registry-only-lists",
      comment: "connectors/registry.ts lists manifests; it wires nothing else.",
      severity: "error",
      from: { path: "^connectors/registry\\.ts$" },
      to: { path: "^(src|connectors)/", pathNot: "^(connectors/[^/]+/|src/sync/)" },
    },
    {
      name: "the-core-knows-no-connector",
      comment:
        "Model, reconcile, sync, mapping, store, config and alerts never name a connector kind's code.",
      severity: "error",
      from: { path: "^src/(model|reconcile|sync|mapping|store|config|alerts)/" },
      to: { path: "^connectors/" },
    },
    {
      name: "web-and-server-through-the-registry",
      comment:
        "The web admin and the server reach connectors through connectors/registry.ts. The Slack app is the slack kind's own interface (its listeners write Slack-created actions), so src/server/slack may use connectors/slack.",
      severity: "error",
      from: { path: "^src/(web|server)/" },
      to: {
        path: "^connectors/",
        pathNot: ["^connectors/registry\\.ts$"],
      },
    },
    {
      name: "drivers-only-in-the-store",
      comment: "Only src/store talks to a database: everything else goes through the store port.",
      severity: "error",
      from: { path: "^(src|connectors)/", pathNot: "^src/store/" },
      to: { path: "node_modules/(better-sqlite3|pg|drizzle-orm|drizzle-kit)/" },
    },
    {
      name: "worker-runs-no-server",
      comment: "The worker process serves no HTTP: the jobs layer never reaches into src/server or src/web.",
      severity: "error",
      from: { path: "^src/(jobs|alerts|sync|store|config)/" },
      to: { path: "^src/(server|web)/" },
    },
    {
      name: "no-cycles",
      comment: "A cycle (runtime or type-only) makes load order matter and the layers meaningless.",
      severity: "error",
      from: { path: "^(src|connectors)/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
