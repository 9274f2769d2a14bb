import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The suite's date logic (calendar dates, the reconciler's schedule arithmetic) must give the same answers
// whatever the process time zone is: run those tests again in a child process at both ends of the clock.
const DATE_SUITES = ["test/unit/model", "test/unit/reconcile"];
const vitestCli = join(process.cwd(), "node_modules", "vitest", "vitest.mjs");

describe.each(["Pacific/Kiritimati", "America/Los_Angeles"])("date logic under TZ=%s", (tz) => {
  it("the process really runs in that zone", () => {
    const offset = execFileSync(
      process.execPath,
      ["-e", "process.stdout.write(String(new Date(Date.UTC(2026, 0, 12)).getTimezoneOffset()))"],
      {
        env: { ...process.env, TZ: tz },
      },
    ).toString();
    expect(Number(offset)).toBe(tz === "Pacific/Kiritimati" ? -840 : 480);
  });

  it("passes every date and reconcile test", () => {
    const out = join(mkdtempSync(join(tmpdir(), "sightline-tz-")), "report.json");
    const run = spawnSync(
      process.execPath,
      [vitestCli, "run", ...DATE_SUITES, "--reporter=json", `--outputFile=${out}`],
      { env: { ...process.env, TZ: tz, CI: "true" }, encoding: "utf8", timeout: 120_000 },
    );
    const report = JSON.parse(readFileSync(out, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
    };
    expect(report.numFailedTests, run.stdout + run.stderr).toBe(0);
    expect(report.numPassedTests).toBeGreaterThan(5);
    expect(run.status).toBe(0);
    // A whole vitest run of the date suites in a child: on two busy cores that takes longer than the default.
  }, 150_000);
});
