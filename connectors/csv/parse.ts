export interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on; differs from the record number once a quoted field spans lines. */
  line: number;
  /**
   * Why the record's quoting is broken, when it is: the record is then its line split at every delimiter with
   * quotes dropped (enough to tell which action it is), and parsing goes on at the next line.
   */
  error?: string;
}

/** A broken line read the forgiving way: split at each delimiter, quotes dropped. */
function looseFields(text: string, delimiter: string): string[] {
  return text.split(delimiter).map((f) => f.replaceAll('"', "").trim());
}

/**
 * RFC 4180 CSV: fields separated by `delimiter`, records by CRLF or LF (a lone CR too), fields optionally in
 * double quotes, where "" is a literal quote and delimiters and line breaks are data. A quote inside an
 * unquoted field is kept literally (as spreadsheet exports sometimes produce). Text after a closing quote and
 * a quote that never closes break only their record: it comes back with `error` (and its line), and the
 * rest of the file is read, so one bad row never costs the others. A UTF-8 byte order mark is dropped.
 * https://www.rfc-editor.org/rfc/rfc4180
 */
export function parseCsv(text: string, options: { delimiter?: string } = {}): CsvRecord[] {
  const delimiter = options.delimiter ?? ",";
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  let fields: string[] = [];
  let recordLine = line;
  let recordStart = i;

  const endOfLine = (at: number): number => {
    if (text[at] === "\r" && text[at + 1] === "\n") return 2;
    return text[at] === "\n" || text[at] === "\r" ? 1 : 0;
  };
  /** Where the physical line holding `at` ends (its line break, or the end of the text). */
  const lineEnd = (at: number): number => {
    let j = at;
    while (j < n && text[j] !== "\n" && text[j] !== "\r") j++;
    return j;
  };
  /** Ends the current record as broken at the line break `end`, and moves past it. */
  const broken = (end: number, reason: string, nextLine: number): void => {
    records.push({
      fields: looseFields(text.slice(recordStart, end), delimiter),
      line: recordLine,
      error: reason,
    });
    fields = [];
    const eol = endOfLine(end);
    i = end + eol;
    line = nextLine + (eol > 0 ? 1 : 0);
    recordLine = line;
    recordStart = i;
  };

  while (i < n) {
    let value: string;
    if (text[i] === '"') {
      const opened = line;
      const openedAt = i;
      let out = "";
      let closed = true;
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          closed = false;
          break;
        }
        const chunk = text.slice(i, q);
        out += chunk;
        line += (chunk.match(/\r\n|\r|\n/g) ?? []).length;
        if (text[q + 1] === '"') {
          out += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (!closed) {
        // Everything after it would be one field: the record ends with the quote's line instead.
        broken(lineEnd(openedAt), `line ${opened}: a quoted field is never closed`, opened);
        continue;
      }
      if (i < n && text[i] !== delimiter && endOfLine(i) === 0) {
        broken(lineEnd(i), `line ${line}: unexpected ${JSON.stringify(text[i])} after a closing quote`, line);
        continue;
      }
      value = out;
    } else {
      let j = i;
      while (j < n && text[j] !== delimiter && text[j] !== "\n" && text[j] !== "\r") j++;
      value = text.slice(i, j);
      i = j;
    }
    fields.push(value);
    if (i < n && text[i] === delimiter) {
      i++;
      // A delimiter right before the end of a record or of the text leaves one more empty field.
      if (i >= n || endOfLine(i) > 0) fields.push("");
      else continue;
    }
    const eol = endOfLine(i);
    records.push({ fields, line: recordLine });
    fields = [];
    i += eol;
    if (eol > 0) line++;
    recordLine = line;
    recordStart = i;
  }
  return records;
}
