/**
 * The architecture's layer rules (DESIGN.md), checked by `npm run layers` in CI. Only rules the code keeps
 * today are here; each rule the connector/registry work makes true gets added with that work.
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
      name: "no-runtime-cycles",
      comment: "A cycle makes load order matter and the layers meaningless.",
      severity: "error",
      from: { path: "^(src|connectors)/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
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
