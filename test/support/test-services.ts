import { spawnSync } from "node:child_process";

/**
 * Where the suite finds the machine's services: the same variables `.ci/test-services.sh` honours, so a
 * contributor whose Redis or Chromium lives elsewhere sets them once for both.
 */
export const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";

/** `CHROMIUM_PATH`, else the first of `chromium` / `chromium-browser` on the PATH, else Debian's path. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  for (const name of ["chromium", "chromium-browser"]) {
    const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    const path = found.stdout.trim();
    if (found.status === 0 && path !== "") return path;
  }
  return "/usr/bin/chromium";
}
