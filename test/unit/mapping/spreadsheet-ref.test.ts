import { describe, expect, it } from "vitest";
import { SpreadsheetRefSchema, spreadsheetIdFrom } from "../../../src/mapping/schema.js";

const ID = "1mKtPLaNdEm0FinTechLaunch2026_xYz-0AbCdEfGhIj";

describe("a spreadsheet as people give it", () => {
  it("takes the id out of the addresses browsers show, and leaves a bare id alone", () => {
    for (const pasted of [
      `https://docs.google.com/spreadsheets/d/${ID}/edit#gid=784512309`,
      `https://docs.google.com/spreadsheets/d/${ID}/edit?usp=sharing`,
      `https://docs.google.com/spreadsheets/u/1/d/${ID}/htmlview`,
      `  https://docs.google.com/spreadsheets/d/${ID}  `,
      ID,
    ]) {
      expect(spreadsheetIdFrom(pasted)).toBe(ID);
      expect(SpreadsheetRefSchema.parse(pasted)).toBe(ID);
    }
  });

  it("refuses what is neither, with the id's own message", () => {
    const result = SpreadsheetRefSchema.safeParse("https://example.com/d/not-a-sheet");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("the id between /d/ and /edit in the sheet's URL");
  });
});
