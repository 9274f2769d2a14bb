import { describe, expect, it } from "vitest";
import type { ActionSummary, Store } from "../../../src/store/index.js";
import type { ConflictItem } from "../../../src/web/api/schemas.js";
import { portfolio } from "../../../src/web/queries/portfolio-query.js";

/** Only what portfolio() reads of a conflict: its path, action, root cause and earliest date. */
function conflict(path: string[], earliest: string | null = null): ConflictItem {
  return {
    path,
    actionId: path.at(-1) ?? null,
    rootCauseId: path.length > 1 ? path[0]! : null,
    earliestDate: earliest,
  } as ConflictItem;
}

/** A store that knows the actions' dates, and records which ids were asked for. */
function storeWith(dues: Record<string, string>) {
  const asked: string[] = [];
  const store = {
    reads: {
      async summaries(ids: Iterable<string>) {
        const out = new Map<string, ActionSummary>();
        for (const id of ids) {
          asked.push(id);
          if (dues[id])
            out.set(id, {
              id,
              title: `T ${id}`,
              start: null,
              due: dues[id],
              baselineDue: null,
            } as ActionSummary);
        }
        return out;
      },
    },
  } as unknown as Store;
  return { store, asked };
}

describe("portfolio timeline rows", () => {
  it("lists each action of the paths once, by depth then due date, with a link per step", async () => {
    const { store } = storeWith({
      api: "2026-04-03",
      qa: "2026-03-10",
      legal: "2026-02-25",
      mkt: "2026-03-31",
    });
    const p = await portfolio(store, [
      conflict(["api", "qa", "mkt"], "2026-04-20"),
      conflict(["api", "legal"], "2026-04-08"),
      conflict(["api", "qa"], "2026-04-04"),
    ]);
    expect(p.rows.map((r) => r.id)).toEqual(["api", "legal", "qa", "mkt"]);
    expect(p.rows.map((r) => r.role)).toEqual(["root_cause", "action", "action", "action"]);
    expect(p.rows.find((r) => r.id === "qa")?.earliest).toBe("2026-04-04");
    const byId = (i: number) => p.rows[i]!.id;
    expect(p.edges.map((e) => `${byId(e.from)}>${byId(e.to)}`).sort()).toEqual([
      "api>legal",
      "api>qa",
      "qa>mkt",
    ]);
    expect(p.omitted).toBe(0);
  });

  it("keeps whole paths of the riskiest conflicts when the chart would be too tall, and counts the rest", async () => {
    const { store, asked } = storeWith({
      a: "2026-01-01",
      b: "2026-01-02",
      c: "2026-01-03",
      d: "2026-01-04",
    });
    const p = await portfolio(
      store,
      [conflict(["a", "b"]), conflict(["c", "d", "e"]), conflict(["a", "c"])],
      3,
    );
    // The second path does not fit beside the first; the third shares "a" and adds only "c".
    expect(p.rows.map((r) => r.id)).toEqual(["a", "b", "c"]);
    expect(p.omitted).toBe(2);
    expect(asked.sort()).toEqual(["a", "b", "c"]);
  });
});
