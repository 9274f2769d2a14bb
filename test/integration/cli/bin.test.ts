import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { freshDb } from "./cli-harness.js";

describe("the sightline executable (bin/sightline.js)", () => {
  it("runs the CLI from the TypeScript sources in a checkout, with its exit codes", () => {
    const help = spawnSync(process.execPath, ["bin/sightline.js", "--help"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: sightline");
    expect(help.stdout).toContain("demo");

    const bad = spawnSync(
      process.execPath,
      ["bin/sightline.js", "--db", freshDb(), "conflicts", "--today", "tomorrow"],
      {
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("expected a calendar date YYYY-MM-DD");
  });
});
