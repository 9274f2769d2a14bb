import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { conflictsBlocks } from "../../../src/server/slack/overview.js";
import { StoredConflictSchema } from "../../../src/store/index.js";
import { campaignConflict } from "../alerts/fixtures.js";
import { act } from "../reconcile/helpers.js";

/** n stored conflicts on actions whose titles carry `&` and whose links are long, as real tools produce. */
function conflicts(n: number, messageLength = 300) {
  return Array.from({ length: n }, (_, i) =>
    StoredConflictSchema.parse({
      ...campaignConflict(),
      fingerprint: `schedule|a:${i}|b:${i}`,
      actionId: `mkt-plan:MKT-${i}`,
      valueAtRisk: 1000 * (n - i),
      message: `R&D slip ${i}: ${"the launch & its campaign wait ".repeat(messageLength / 30)}`,
      status: "open",
      snoozedUntil: null,
      statusBy: null,
      statusAt: null,
      firstSeen: "2026-01-10T09:00:00.000Z",
      lastSeen: "2026-01-12T09:00:00.000Z",
      resolvedAt: null,
    }),
  );
}

const data = {
  actionsById: (id: string) =>
    act(id, { title: `Q&A for ${id}`, url: `https://acmepay.example/sheet?row=${id}&${"x".repeat(200)}` }),
};

function text(blocks: types.KnownBlock[]): string {
  const [b] = blocks;
  return b?.type === "section" && b.text ? b.text.text : "";
}

describe("Slack overviews", () => {
  it("list whole items within Block Kit's 3000 characters and say how many more there are", () => {
    const out = text(conflictsBlocks("Open conflicts", conflicts(9), data));
    expect(out.length).toBeLessThanOrEqual(3000);
    const bullets = out.split("\n").filter((l) => l.startsWith("• "));
    expect(bullets.length).toBeGreaterThan(0);
    expect(bullets.length).toBeLessThan(9);
    expect(out.endsWith(`…and ${9 - bullets.length} more`)).toBe(true);
    // Never a link or an entity cut in half.
    expect(out.split("<").length).toBe(out.split(">").length);
    expect(out.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
  });

  it("clips one huge item at a safe place and keeps the others", () => {
    const list = conflicts(3);
    const huge = { ...list[0]!, message: "A&B ".repeat(2000) };
    const out = text(conflictsBlocks("Open conflicts", [huge, ...list.slice(1)], data));
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
    expect(out.split("\n").filter((l) => l.startsWith("• ")).length).toBeGreaterThanOrEqual(2);
  });

  it("shows a short list whole, without a 'more' line", () => {
    const out = text(conflictsBlocks("Open conflicts", conflicts(2, 30), data));
    expect(out.split("\n").filter((l) => l.startsWith("• "))).toHaveLength(2);
    expect(out).not.toContain("more");
  });
});
