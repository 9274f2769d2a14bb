import { convert, type HtmlToTextOptions } from "html-to-text";

/**
 * HTML bodies as text the labelled-line reader and the reply cutter understand: one line per block, quoted
 * history (`<blockquote>`, which Gmail, Apple Mail, Thunderbird and iOS use) prefixed with `> ` as a
 * text/plain client would, links and images reduced to their text, no wrapping (a long `Depends on:` line stays
 * one line). https://github.com/html-to-text/node-html-to-text#options
 */
const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  preserveNewlines: false,
  // Deeper nesting is flattened and a longer body truncated rather than refused: a reply's own text is on top.
  limits: { maxDepth: 256, maxInputLength: 2_000_000 },
  selectors: [
    { selector: "a", options: { ignoreHref: true } },
    { selector: "img", format: "skip" },
    { selector: "style", format: "skip" },
    { selector: "script", format: "skip" },
    { selector: "head", format: "skip" },
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "h3", options: { uppercase: false } },
    { selector: "table", format: "block" },
    { selector: "tr", format: "block" },
    { selector: "td", format: "inline" },
    { selector: "th", format: "inline" },
    { selector: "blockquote", options: { trimEmptyLines: true } },
    // Outlook separates the reply from the history with a rule; the header block below it is what ends the reply.
    { selector: "hr", format: "skip" },
  ],
};

export function htmlToText(html: string): string {
  return convert(html, OPTIONS);
}
