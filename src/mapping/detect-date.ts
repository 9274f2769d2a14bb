import { parseTextDate, serialToDate } from "./dates.js";
import { type Cell, cellText } from "./headers.js";

export type DateKind = { kind: "serial" } | { kind: "text"; format: string | null; ambiguous: boolean };

/** Cells that say "no date yet" rather than being a malformed one. */
const PLACEHOLDER = /^(tbd|tbc|n\/a|na|-+|—|\?+|asap|later|à définir|offen)$/i;

/** Formats tried on text dates, most specific first; null is ISO (YYYY-MM-DD, the parser's own). */
const NUMERIC = [
  "DD/MM/YYYY",
  "MM/DD/YYYY",
  "DD.MM.YYYY",
  "DD-MM-YYYY",
  "MM-DD-YYYY",
  "DD/MM/YY",
  "MM/DD/YY",
];
const NAMED = ["D MMM YYYY", "MMM D, YYYY", "MMM D YYYY", "D-MMM-YYYY", "D-MMM-YY", "YYYY/MM/DD"];
/** Most of the sample must read in one format: one typo or an odd cell does not hide a date column. */
const SHARE = 0.8;

const ISO = /^\d{4}-\d{1,2}-\d{1,2}$/;

function share(texts: readonly string[], ok: (t: string) => boolean): number {
  return texts.filter(ok).length / texts.length;
}

/**
 * Whether a column holds dates, and in which format, from its sampled values: serial numbers in a plausible
 * range (Sheets' unformatted values), ISO text, named months, or numeric day/month orders. When every value
 * reads both D/M and M/D (all days ≤ 12) the locale decides (US: month first) and the result says it was a
 * guess.
 */
export function detectDate(cells: readonly Cell[], locale: string | null): DateKind | null {
  const present = cells.filter((c) => !PLACEHOLDER.test(cellText(c)));
  if (present.length === 0) return null;
  const serials = present.filter((c) => typeof c === "number" && serialToDate(c).ok).length;
  if (serials / present.length >= SHARE) return { kind: "serial" };
  const texts = present.map(cellText);
  if (share(texts, (t) => ISO.test(t)) >= SHARE) return { kind: "text", format: null, ambiguous: false };
  for (const format of NAMED) {
    if (share(texts, (t) => parseTextDate(t, { format }).ok) >= SHARE)
      return { kind: "text", format, ambiguous: false };
  }
  const fits = NUMERIC.filter((format) => share(texts, (t) => parseTextDate(t, { format }).ok) >= SHARE);
  if (fits.length === 0) return null;
  const [first] = fits;
  const swapped = (f: string) =>
    f.startsWith("DD") ? f.replace(/^DD(.)MM/, "MM$1DD") : f.replace(/^MM(.)DD/, "DD$1MM");
  const both = fits.filter((f) => f === first || f === swapped(first!));
  if (both.length < 2) return { kind: "text", format: first!, ambiguous: false };
  const us = /^(en_US|en-US|en)$/.test(locale ?? "");
  const chosen = both.find((f) => f.startsWith(us ? "MM" : "DD")) ?? first!;
  return { kind: "text", format: chosen, ambiguous: true };
}
