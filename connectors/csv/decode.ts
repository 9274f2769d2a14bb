/**
 * A CSV export's bytes as text. Spreadsheet programs write UTF-8 (with or without a byte order mark), UTF-16
 * (Excel's "Unicode text", always with a BOM) or the system's legacy code page (Excel's plain "CSV" on a
 * Western-European Windows: Windows-1252). A BOM decides; else the mapping's `encoding:`; else UTF-8 when
 * the bytes are valid UTF-8, Windows-1252 when they are not. Whenever the bytes are not valid in the encoding
 * read (or the encoding was guessed) the result carries a warning naming the first line affected, so `Zoë`
 * never silently becomes `Zo�`.
 */
export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding read: utf-8, utf-16le, windows-1252… */
  encoding: string;
  warning: { line: number; reason: string } | null;
}

const BOMS: readonly [number[], string][] = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xff, 0xfe], "utf-16le"],
  [[0xfe, 0xff], "utf-16be"],
];

function bomEncoding(bytes: Uint8Array): string | null {
  for (const [bom, encoding] of BOMS) if (bom.every((b, i) => bytes[i] === b)) return encoding;
  return null;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++;
  }
  return line;
}

function strict(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function decodeCsvBytes(bytes: Uint8Array, declared: string | undefined): DecodedText {
  const encoding = bomEncoding(bytes) ?? (declared === undefined ? null : new TextDecoder(declared).encoding);
  if (encoding !== null) {
    const text = strict(bytes, encoding);
    if (text !== null) return { text, encoding, warning: null };
    const lenient = new TextDecoder(encoding).decode(bytes);
    const line = lineOf(lenient, lenient.indexOf("\uFFFD"));
    const reason = `bytes that are not valid ${encoding} (first on line ${line}) were read as "\uFFFD": save the file as ${encoding} again, or set the mapping's encoding: to the one it was written in (such as windows-1252)`;
    return { text: lenient, encoding, warning: { line, reason } };
  }
  const utf8 = strict(bytes, "utf-8");
  if (utf8 !== null) return { text: utf8, encoding: "utf-8", warning: null };
  const text = new TextDecoder("windows-1252").decode(bytes);
  const asUtf8 = new TextDecoder("utf-8").decode(bytes);
  const line = lineOf(asUtf8, asUtf8.indexOf("\uFFFD"));
  const reason = `the file is not UTF-8 (first on line ${line}): read as windows-1252, what Excel writes on a Western-European Windows; set encoding: windows-1252 in the mapping to confirm (this warning then goes), or the encoding it was written in`;
  return { text, encoding: "windows-1252", warning: { line, reason } };
}
