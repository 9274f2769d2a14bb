import { describe, expect, it } from "vitest";
import { table } from "../../../src/cli/format/table.js";
import {
  ActionRecordSchema,
  capLength,
  cleanLine,
  printable,
  TITLE_MAX_LENGTH,
} from "../../../src/model/index.js";

const record = (title: string, ownerRaw: string | null = null) =>
  ActionRecordSchema.parse({ nativeKey: "K-1", title, status: "todo", ownerRaw });

describe("text from tools, cleaned at ingestion", () => {
  it("drops escape sequences and turns other controls into single spaces", () => {
    expect(cleanLine("\u001b[31mRed\u001b[0m launch\u0007\u0000 plan\r\n\tv2")).toBe("Red launch plan v2");
    expect(cleanLine("Zoë\u0085 & Jürgen")).toBe("Zoë & Jürgen");
    expect(record("Launch\u0000 \u001b]0;pwned\u0007 day", "  Ana\u0008 ").ownerRaw).toBe("Ana");
  });

  it("caps a title at the documented length with an ellipsis, never rejecting it, never halving an emoji", () => {
    const long = record("x".repeat(40_000)).title;
    expect(Array.from(long)).toHaveLength(TITLE_MAX_LENGTH);
    expect(long.endsWith("…")).toBe(true);
    expect(record("y".repeat(TITLE_MAX_LENGTH)).title).toBe("y".repeat(TITLE_MAX_LENGTH));
    expect(capLength("🚀🚀🚀", 2)).toBe("🚀…");
  });

  it("still rejects a title that is nothing but controls", () => {
    expect(
      ActionRecordSchema.safeParse({ nativeKey: "K-1", title: "\u0000\u0007 ", status: "todo" }).success,
    ).toBe(false);
  });
});

describe("text printed to the operator's terminal", () => {
  it("shows controls and escape sequences as ? and keeps line breaks", () => {
    expect(printable("a\u001b[2Jb\u0007c\nd")).toBe("a?b?c\nd");
  });

  it("keeps a table's cells on one line and free of escapes, whatever was stored", () => {
    const out = table(["id", "title"], [["K-1", "Evil\u001b[2J\ntitle\u0000"]]);
    const controls = Array.from(out).filter((ch) => ch !== "\n" && (ch.codePointAt(0) ?? 0) < 0x20);
    expect(controls).toEqual([]);
    expect(out.split("\n")).toHaveLength(3);
    expect(out).toContain("Evil? title?");
  });
});
