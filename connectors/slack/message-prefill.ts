import { type CalendarDate, humanDatesIn, toDayNumber } from "../../src/model/index.js";
import { mentionedUsers, plainText } from "./slack-text.js";

/** What "Track as action" proposes from a message; the person checks and corrects it in the modal. */
export interface MessagePrefill {
  title: string;
  /** Users mentioned in the message, in order: candidates for the owner. */
  mentions: string[];
  start: CalendarDate | null;
  due: CalendarDate | null;
  /** Issue-like keys (`PAY-142`) mentioned: candidates for depends-on. */
  refs: string[];
}

/** Slack's plain_text_input caps `initial_value` well above this; a title longer than a line is a paragraph. */
const TITLE_MAX = 150;
const REF_RE = /\b[A-Z][A-Z0-9]{1,9}-\d{1,7}\b/g;

/**
 * Pure: the message's first non-empty line is the title (mentions and links made readable), mentioned users
 * are owner candidates, the dates written in it are the due date (one date) or start and due (the earliest
 * and the latest of several), issue keys are dependencies.
 */
export function prefillFromMessage(
  text: string,
  today: CalendarDate,
  nameOf: (userId: string) => string | null = () => null,
): MessagePrefill {
  const readable = plainText(text, nameOf);
  const firstLine =
    readable
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l !== "") ?? "";
  const title = firstLine.length > TITLE_MAX ? `${firstLine.slice(0, TITLE_MAX - 1)}…` : firstLine;
  // The message's day is the reference: "Jan 5" written on 20 Jan is the 5 Jan just gone (human-date.ts).
  const dates = humanDatesIn(readable, { reference: toDayNumber(today) }).sort(
    (a, b) => toDayNumber(a) - toDayNumber(b),
  );
  const refs: string[] = [];
  for (const m of readable.matchAll(REF_RE)) if (!refs.includes(m[0])) refs.push(m[0]);
  return {
    title,
    mentions: mentionedUsers(text),
    start: dates.length >= 2 ? (dates[0] ?? null) : null,
    due: dates.length >= 1 ? (dates[dates.length - 1] ?? null) : null,
    refs,
  };
}
