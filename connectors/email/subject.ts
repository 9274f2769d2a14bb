/** Reply and forward prefixes in the languages mail clients commonly write them in, with `Re[2]:` counters. */
const PREFIXES = /^\s*(?:(?:re|fwd?|aw|wg|sv|vs|tr|rv|antw|odp|ynt)(?:\[\d+\])?\s*:\s*)+/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function tagPattern(tag: string): RegExp {
  return new RegExp(escapeRegExp(tag.trim()), "gi");
}

/** Whether the subject carries the tag (case-insensitive, anywhere: `Re: [Action] …` counts). */
export function hasTag(subject: string, tag: string): boolean {
  return tag.trim() !== "" && tagPattern(tag).test(subject);
}

/** The action's title: the subject without the tag and without `Re:`/`Fwd:` prefixes. */
export function titleFrom(subject: string, tag: string): string {
  let title = tag.trim() === "" ? subject : subject.replace(tagPattern(tag), " ");
  // Prefixes can sit on either side of the tag ("Re: [action] Fwd: …"): strip until nothing changes.
  for (let previous = ""; previous !== title; ) {
    previous = title;
    title = title.replace(PREFIXES, "").trim();
  }
  return title.replace(/\s+/g, " ").trim();
}
