/** Delimiters spreadsheet programs write: comma; semicolon (Excel where the decimal mark is a comma: France, Germany…); tab; pipe. */
export const DELIMITERS = [",", ";", "\t", "|"] as const;

/** Per line of the first `lines` lines, how often `d` occurs outside double quotes. */
function countsPerLine(text: string, d: string, lines: number): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let count = 0;
  for (let i = 0; i < text.length && counts.length < lines; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && c === d) count++;
    else if (!inQuotes && (c === "\n" || c === "\r")) {
      if (c === "\r" && text[i + 1] === "\n") i++;
      counts.push(count);
      count = 0;
    }
  }
  if (counts.length < lines && count > 0) counts.push(count);
  return counts;
}

/**
 * The delimiter of a CSV export, from its first lines: the candidate found on the header line that splits the
 * most lines into as many fields as the header (ties: more fields wins, then the order above). Comma when
 * nothing splits the header (a one-column file).
 */
export function detectDelimiter(text: string, lines = 20): string {
  let best: { d: string; agree: number; fields: number } | null = null;
  for (const d of DELIMITERS) {
    const counts = countsPerLine(text, d, lines);
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const agree = counts.filter((n) => n === header).length;
    if (best === null || agree > best.agree || (agree === best.agree && header > best.fields)) {
      best = { d, agree, fields: header };
    }
  }
  return best?.d ?? ",";
}
