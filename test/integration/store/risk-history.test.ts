import { describe, expect, it } from "vitest";
import { freshStore } from "./helpers.js";

const row = (kind: "kpi" | "total", key: string, valueAtRisk: number, days = 0, conflicts = 0) => ({
  kind,
  key,
  valueAtRisk,
  days,
  conflicts,
});

describe("risk history", () => {
  it("keeps one set of rows per day: a later run the same day replaces it, other days stay", async () => {
    const { store } = await freshStore();
    await store.risk.record(
      "2026-01-05",
      [row("kpi", "arr", 100_000, 25, 2), row("total", "", 100_000)],
      "T1",
    );
    await store.risk.record(
      "2026-01-12",
      [row("kpi", "arr", 168_000, 42, 2), row("kpi", "signups", 72_500.5, 29, 4)],
      "T2",
    );
    // Same day again: what the day's last reconcile recorded is the day's figure.
    await store.risk.record("2026-01-12", [row("kpi", "arr", 170_000, 43, 2)], "T3");

    expect(await store.risk.between("2026-01-01", "2026-01-31")).toEqual([
      { asOf: "2026-01-05", kind: "kpi", key: "arr", valueAtRisk: 100_000, days: 25, conflicts: 2 },
      { asOf: "2026-01-05", kind: "total", key: "", valueAtRisk: 100_000, days: 0, conflicts: 0 },
      { asOf: "2026-01-12", kind: "kpi", key: "arr", valueAtRisk: 170_000, days: 43, conflicts: 2 },
    ]);
    expect((await store.risk.between("2026-01-06", "2026-01-12")).map((r) => r.asOf)).toEqual(["2026-01-12"]);
    expect(await store.risk.between("2026-02-01", "2026-02-28")).toEqual([]);
  });

  it("keeps fractional amounts as they were recorded", async () => {
    const { store } = await freshStore();
    await store.risk.record("2026-01-12", [row("kpi", "signups", 72_500.5, 29, 4)], "T1");
    expect((await store.risk.between("2026-01-12", "2026-01-12"))[0]?.valueAtRisk).toBe(72_500.5);
  });
});
