import { SightlineError } from "../../src/model/index.js";

export class CsvParseError extends SightlineError {
  readonly line: number;
  constructor(where: string, line: number, message: string) {
    super("csv_parse_error", `${where} line ${line}: ${message}`);
    this.line = line;
  }
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on; differs from the record number once a quoted field spans lines. */
  line: number;
}

/**
 * RFC 4180 CSV: fields separated by `delimiter`, records by CRLF or LF (a lone CR too), fields optionally in
 * double quotes, where "" is a literal quote and delimiters and line breaks are data. A quote inside an
 * unquoted field is kept literally (as spreadsheet exports sometimes produce); text after a closing quote and
 * an unterminated quote are errors naming the line. A UTF-8 byte order mark is dropped.
 * https://www.rfc-editor.org/rfc/rfc4180
 */
export function parseCsv(text: string, options: { delimiter?: string; where?: string } = {}): CsvRecord[] {
  const delimiter = options.delimiter ?? ",";
  const where = options.where ?? "csv";
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  let fields: string[] = [];
  let recordLine = line;

  const endOfLine = (at: number): number => {
    if (text[at] === "\r" && text[at + 1] === "\n") return 2;
    return text[at] === "\n" || text[at] === "\r" ? 1 : 0;
  };

  while (i < n) {
    let value: string;
    if (text[i] === '"') {
      const opened = line;
      let out = "";
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new CsvParseError(where, opened, "a quoted field is never closed");
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
      if (i < n && text[i] !== delimiter && endOfLine(i) === 0) {
        throw new CsvParseError(where, line, `unexpected ${JSON.stringify(text[i])} after a closing quote`);
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
  }
  return records;
}
