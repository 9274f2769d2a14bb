import { describe, expect, it } from "vitest";
import { detectDelimiter } from "../../../connectors/csv/detect-delimiter.js";
import { detectDate } from "../../../src/mapping/detect-date.js";
import { guessStatus } from "../../../src/mapping/status-words.js";
import { suggestMapping } from "../../../src/mapping/suggest.js";

describe("delimiter detection", () => {
  it("reads Excel's semicolon export (France, Germany), tabs and pipes, ignoring delimiters inside quotes", () => {
    expect(detectDelimiter('Tâche;Statut\r\n"Budget, 2026";Fait\r\nB;En cours\r\n')).toBe(";");
    expect(detectDelimiter("a,b,c\n1,2,3\n")).toBe(",");
    expect(detectDelimiter("a\tb\n1\t2\n")).toBe("\t");
    expect(detectDelimiter("a|b\n1|2\n")).toBe("|");
    expect(detectDelimiter("only\nvalues\n")).toBe(",");
  });
});

describe("status words and emoji", () => {
  it("understands several languages and emoji, a word deciding over an emoji", () => {
    expect(guessStatus("Done ✅")).toBe("done");
    expect(guessStatus("✅")).toBe("done");
    expect(guessStatus("En cours 🚧")).toBe("in_progress");
    expect(guessStatus("À faire")).toBe("todo");
    expect(guessStatus("Erledigt")).toBe("done");
    expect(guessStatus("Bloqué ⛔")).toBe("blocked");
    expect(guessStatus("❌ Abgebrochen")).toBe("cancelled");
    expect(guessStatus("tomorrow maybe")).toBeNull();
  });
});

describe("date format detection", () => {
  it("finds the format from the values, tolerating a placeholder, and says when the order is a guess", () => {
    expect(detectDate(["05/01/2026", "19/01/2026", "TBD"], null)).toEqual({
      kind: "text",
      format: "DD/MM/YYYY",
      ambiguous: false,
    });
    expect(detectDate(["Jan 5, 2026", "Feb 13, 2026"], null)).toMatchObject({ format: "MMM D, YYYY" });
    expect(detectDate(["03/04/2026", "01/02/2026"], "fr_FR")).toEqual({
      kind: "text",
      format: "DD/MM/YYYY",
      ambiguous: true,
    });
    expect(detectDate(["03/04/2026", "01/02/2026"], "en_US")).toMatchObject({ format: "MM/DD/YYYY" });
    expect(detectDate(["see notes", "soon"], null)).toBeNull();
  });
});

describe("key column", () => {
  const header = ["Task", "Owner", "Notes"];
  it("never picks a column with empty or repeated values; a unique title stands in with a note", () => {
    const rows = [
      ["Plan the launch", "ana", "see doc"],
      ["Write the copy", "ben", "see doc"],
      ["Ship it", "ana", ""],
    ];
    const s = suggestMapping({ header, sampleRows: rows });
    expect(s.mapping.key.column).toBe("Task");
    expect(s.notes.join("\n")).toContain("renaming a row then makes it a new action");
  });

  it("asks for an ID column when nothing tells the rows apart", () => {
    const rows = [
      ["Review", "ana", "x"],
      ["Review", "ben", "x"],
    ];
    const s = suggestMapping({ header, sampleRows: rows });
    expect(s.mapping.key.column).toBe("ID");
    expect(s.notes.join("\n")).toContain("add an ID column");
  });
});
