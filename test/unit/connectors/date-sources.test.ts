import { describe, expect, it } from "vitest";
import { labelledLines } from "../../../connectors/email/labelled-lines.js";
import { readFields } from "../../../connectors/email/message-fields.js";
import { prefillFromMessage } from "../../../connectors/slack/message-prefill.js";
import { readDate } from "../../../src/mapping/cells.js";
import { toDayNumber } from "../../../src/model/index.js";

/**
 * One table of dates as people write them, read by every source that takes a written date: an e-mail's
 * `Due:` line and a Slack message (both written on a known day), and a sheet or CSV text cell (no locale,
 * no day it was written on). The same text gives the same day everywhere, except that a cell refuses a
 * date without a year: re-read every sync, it would move as time passes.
 */
const REFUSED = null;
const TABLE: { text: string; writtenOn: string; message: string | null; cell: string | null }[] = [
  { text: "2026-03-14", writtenOn: "2026-01-20", message: "2026-03-14", cell: "2026-03-14" },
  { text: "14 Mar 2026", writtenOn: "2026-01-20", message: "2026-03-14", cell: "2026-03-14" },
  { text: "March 14, 2026", writtenOn: "2026-01-20", message: "2026-03-14", cell: "2026-03-14" },
  { text: "14 mars 2026", writtenOn: "2026-01-20", message: "2026-03-14", cell: "2026-03-14" },
  { text: "14. März 2026", writtenOn: "2026-01-20", message: "2026-03-14", cell: "2026-03-14" },
  { text: "31/03/2026", writtenOn: "2026-01-20", message: "2026-03-31", cell: "2026-03-31" },
  { text: "03/04/2026", writtenOn: "2026-01-20", message: REFUSED, cell: REFUSED },
  { text: "Jan 5", writtenOn: "2026-01-20", message: "2026-01-05", cell: REFUSED },
  { text: "Jan 5", writtenOn: "2026-03-01", message: "2027-01-05", cell: REFUSED },
  { text: "Dec 20", writtenOn: "2026-01-05", message: "2025-12-20", cell: REFUSED },
  { text: "30 Feb 2026", writtenOn: "2026-01-20", message: REFUSED, cell: REFUSED },
];

function fromMail(text: string, writtenOn: string): string | null {
  const { patch, problems } = readFields(labelledLines(`Due: ${text}`), toDayNumber(writtenOn));
  return problems.length > 0 ? null : (patch.due ?? null);
}

function fromSlack(text: string, writtenOn: string): string | null {
  return prefillFromMessage(`Ship the payout report ${text}`, writtenOn).due;
}

function fromCell(text: string): string | null {
  const read = readDate(text, "date", null);
  return read.ok ? read.value : null;
}

describe("one reading of written dates across e-mail, Slack and sheet cells", () => {
  it.each(TABLE)("$text written on $writtenOn", ({ text, writtenOn, message, cell }) => {
    expect(fromMail(text, writtenOn)).toBe(message);
    expect(fromSlack(text, writtenOn)).toBe(message);
    expect(fromCell(text)).toBe(cell);
  });
});
