#!/usr/bin/env node
// Runs the compiled CLI when `npm run build` has produced it, the TypeScript sources through tsx otherwise,
// so `npx sightline` works both in a checkout and in an installed package.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const compiled = join(root, "dist", "src", "cli", "run.js");
if (existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(root, "src", "cli", "run.ts")).href);
}
