import EmailReplyParser from "email-reply-parser";

/**
 * The part of a message body its sender wrote: quoted earlier messages and the signature removed, so a
 * labelled line quoted from an earlier message (`> Due: 6 Mar 2026`) never counts a second time.
 *
 * Two steps:
 * 1. Cut at the history mail clients append without quoting it: Outlook's header block (`From:`/`Sent:`…,
 *    `De :`/`Envoyé :`, `Von:`/`Gesendet:`, `De:`/`Enviado:`, `Da:`/`Inviato:`, `Van:`/`Verzonden:`,
 *    `De:`/`Enviada:`, `От:`/`Отправлено:`), old Hotmail's `Date:`/`From:`/`To:`/`Subject:` block, and the
 *    "Original Message" rule in those languages. Outlook always writes above that history.
 * 2. Give the rest to email-reply-parser (Crisp's port of GitHub's EmailReplyParser), which drops quoted lines,
 *    reply attributions in a dozen languages and signatures, and keeps text written below a quote
 *    (Thunderbird's bottom-posting, interleaved replies). Russian attributions, which it does not know, are
 *    marked as quoted first. https://github.com/crisp-oss/email-reply-parser
 */
const HEADER_LABELS = {
  from: ["from", "de", "von", "da", "van", "от", "od", "från", "fra"],
  sent: ["sent", "date", "envoyé", "gesendet", "datum", "enviado", "enviada", "fecha", "inviato", "data"],
  sentMore: ["verzonden", "verstuurd", "отправлено", "дата", "sendt", "skickat"],
  to: ["to", "à", "a", "an", "para", "aan", "кому", "cc"],
  subject: ["subject", "objet", "betreff", "asunto", "oggetto", "onderwerp", "assunto", "тема"],
} as const;

type HeaderKind = "from" | "sent" | "to" | "subject";

const KIND_OF = new Map<string, HeaderKind>([
  ...HEADER_LABELS.from.map((l) => [l, "from"] as const),
  ...HEADER_LABELS.sent.map((l) => [l, "sent"] as const),
  ...HEADER_LABELS.sentMore.map((l) => [l, "sent"] as const),
  ...HEADER_LABELS.to.map((l) => [l, "to"] as const),
  ...HEADER_LABELS.subject.map((l) => [l, "subject"] as const),
]);

/** `From: …`, `*De :* …` (bold as text), `Envoyé : …`: a header line's kind, or null. */
const HEADER_LINE = /^\s*\*{0,2}([\p{L}]{1,12})\s?\*{0,2}\s?:\s?\*{0,2}\s*\S/u;

function headerKind(line: string): HeaderKind | null {
  const m = HEADER_LINE.exec(line);
  return m ? (KIND_OF.get(m[1]!.toLowerCase()) ?? null) : null;
}

const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(?:original message|message d'origine|ursprüngliche nachricht|mensaje original|messaggio originale|oorspronkelijk bericht|mensagem original|исходное сообщение|forwarded message|message transféré|weitergeleitete nachricht)\s*-{2,}\s*$/i;
const UNDERSCORES = /^\s*_{10,}\s*$/;
/** `On … wrote:` and its translations (the library needs a blank line above one to hide what follows it). */
const ATTRIBUTION =
  /^\s*(?:(?:on|le|el|il|op|em)\s.*\b(?:wrote|a écrit|escribió|ha scritto|schreef|escreveu)|am\s.*\bschrieb\s.*)\s*:\s*$/i;
const ATTRIBUTION_START = /^\s*(?:on|le|am|el|il|op|em)\s/i;
/** Gmail and iOS in Russian: `пт, 2 янв. 2026 г. в 08:55, Томаш <t@x>:`, `… написал(а):`, `… пишет:`. */
const RUSSIAN_ATTRIBUTION =
  /(?:\bг\.,?\s+в\s.*<[^<>\s]+@[^<>\s]+>\s*:|(?:написал(?:\(а\))?|написала|пишет)\s*:)\s*$/iu;

/** Index of the first line of an unquoted header block (≥ 2 header lines, one a From, one a Sent/Date or Subject). */
function headerBlockAt(lines: readonly string[], i: number): boolean {
  const kinds = new Set<HeaderKind>();
  for (let j = i; j < lines.length && j < i + 6; j++) {
    const kind = headerKind(lines[j]!);
    if (kind === null) break;
    kinds.add(kind);
  }
  return kinds.has("from") && (kinds.has("sent") || kinds.has("subject"));
}

/** Where the unquoted history starts, or lines.length. */
function historyStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (ORIGINAL_MESSAGE.test(line)) return i;
    if (UNDERSCORES.test(line) && headerKind(nextNonEmpty(lines, i + 1) ?? "") !== null) return i;
    if (headerKind(line) !== null && headerBlockAt(lines, i)) return i;
  }
  return lines.length;
}

function nextNonEmpty(lines: readonly string[], from: number): string | null {
  for (let i = from; i < lines.length; i++) {
    if (lines[i]!.trim() !== "") return lines[i]!;
  }
  return null;
}

/**
 * The library's patterns are not anchored against pathological input: beyond this many characters only the
 * beginning of a body is read, which is where a reply's own text is.
 */
const MAX_BODY = 100_000;

/**
 * What the library reads best: quote markers at the line start, an attribution on one line with a blank line
 * above it (Gmail wraps long ones over two), Russian attributions marked as quoted.
 */
function normalised(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.replace(/^\s+>/, ">");
    const next = lines[i + 1];
    if (next !== undefined && ATTRIBUTION_START.test(line) && !ATTRIBUTION.test(line)) {
      if (ATTRIBUTION.test(`${line} ${next}`)) {
        line = `${line} ${next.trim()}`;
        i++;
      }
    }
    if (ATTRIBUTION.test(line) && out.length > 0 && out[out.length - 1]!.trim() !== "") out.push("");
    out.push(RUSSIAN_ATTRIBUTION.test(line) ? `> ${line}` : line);
  }
  return out;
}

export function authoredText(body: string): string {
  const lines = body.slice(0, MAX_BODY).replace(/\r\n?/g, "\n").split("\n");
  const own = normalised(lines.slice(0, historyStart(lines)));
  return new EmailReplyParser().read(own.join("\n")).getVisibleText();
}
