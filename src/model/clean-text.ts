/**
 * Text from tools is shown in terminals, Slack and the web admin. Control characters (NUL, BEL, backspace,
 * ANSI escape sequences, C1 controls) would reach them as they are: a title that clears an operator's screen
 * or beeps, a Slack message cut at a NUL. Ingestion keeps one line of printable text.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
const ANSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/** The documented maximum title length, in characters; longer titles end in "…" (nothing is rejected for length). */
export const TITLE_MAX_LENGTH = 500;

/** One line: escape sequences dropped, other controls (tabs and line breaks too) as spaces, runs of spaces as one. */
export function cleanLine(text: string): string {
  return text.replace(ANSI_SEQUENCE, "").replace(CONTROL, " ").replace(/ {2,}/g, " ").trim();
}

/** At most `max` characters (code points, so an emoji is never cut in half), the last one "…" when cut. */
export function capLength(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join("")}…`;
}

/**
 * For the operator's terminal: stored text from before ingestion cleaned it, and tools' error messages, may
 * hold escape sequences and controls. They show as "?", so nothing printed can move the cursor, recolour,
 * beep or retitle the terminal. Line breaks are kept.
 */
export function printable(text: string): string {
  return text.replace(ANSI_SEQUENCE, "?").replace(CONTROL_BUT_NEWLINE, "?");
}
