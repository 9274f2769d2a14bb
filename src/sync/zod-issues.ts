import type { z } from "zod";

/**
 * Turns zod issues into sentences an admin can act on: the field path as they would write it
 * (`dependsOn[0].type`), what was expected, and what was actually there. zod's own messages say
 * "Invalid input" and never show the offending value, which is the first thing anyone asks for.
 */

export interface FormattedIssue {
  /** `dependsOn[0].type`, or "" for the value itself. */
  path: string;
  /** The same path as keys and indexes, to look up a line and column in the source file. */
  segments: PropertyKey[];
  /** Full sentence: `due: expected a calendar date YYYY-MM-DD, got "31/02/2026"`. */
  text: string;
}

type PathKey = PropertyKey;

export function formatPath(path: readonly PathKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Joins a base path (`connectors[1]`) and a relative one (`path` or `[0].ref`). */
export function joinPath(base: string, rest: string): string {
  if (base === "") return rest;
  if (rest === "") return base;
  return rest.startsWith("[") ? `${base}${rest}` : `${base}.${rest}`;
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = Reflect.get(cur, key);
  }
  return cur;
}

const MAX_SHOWN = 80;

/** A short, unambiguous rendering of a bad value: strings quoted, long values cut. */
export function showValue(value: unknown): string {
  if (value === undefined) return "nothing";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Cyclic or BigInt values cannot be JSON-encoded; their string form still tells the admin what was there.
    text = String(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

function stripPrefix(message: string): string {
  return message.replace(/^Invalid (input|option): /, "");
}

/** `within` locates the issue's subject inside `root` (non-empty for issues nested in a union branch). */
function describe(
  issue: z.core.$ZodIssue,
  root: unknown,
  within: readonly PathKey[],
  displayBase: readonly PathKey[],
): FormattedIssue {
  const relPath = [...within, ...issue.path];
  const fullPath = [...displayBase, ...relPath];
  const path = formatPath(fullPath);
  const value = valueAt(root, relPath);
  const label = path === "" ? "" : `${path}: `;
  const at = (text: string): FormattedIssue => ({ path, segments: fullPath, text });
  switch (issue.code) {
    case "invalid_type": {
      if (value === undefined) return at(`${label}missing (expected ${issue.expected})`);
      return at(`${label}expected ${issue.expected}, got ${showValue(value)}`);
    }
    case "invalid_value": {
      const options = issue.values.map((v) => String(v)).join(", ");
      const expected = issue.values.length === 1 ? options : `one of ${options}`;
      return at(`${label}expected ${expected}, got ${showValue(value)}`);
    }
    case "unrecognized_keys": {
      const keyPath = formatPath([...fullPath, issue.keys[0] ?? ""]);
      const names = issue.keys.map((k) => JSON.stringify(k)).join(", ");
      const noun = issue.keys.length === 1 ? "unknown field" : "unknown fields";
      return {
        path: keyPath,
        segments: [...fullPath, issue.keys[0] ?? ""],
        text: `${label}${noun} ${names} (check the spelling)`,
      };
    }
    case "invalid_union": {
      if ("options" in issue && issue.options && issue.options.length > 0) {
        const options = issue.options.map((o) => String(o)).join(", ");
        const what = value === undefined ? "missing" : `got ${showValue(value)}`;
        return at(`${label}expected one of ${options}, ${what}`);
      }
      // All branches failing on the value's own type means "wrong kind of value"; otherwise the branch
      // that accepted the value's type, with the fewest complaints, is the one the author meant, so report its first problem.
      const branches = issue.errors.filter((b) => b.length > 0);
      const rootTypes = branches.every(
        (b) => b.length === 1 && b[0]?.code === "invalid_type" && b[0].path.length === 0,
      );
      if (rootTypes && branches.length > 0) {
        const expected = branches.map((b) => (b[0]?.code === "invalid_type" ? b[0].expected : "?"));
        return at(`${label}expected ${expected.join(" or ")}, got ${showValue(value)}`);
      }
      const wrongType = (b: z.core.$ZodIssue[]) =>
        b.some((i) => i.code === "invalid_type" && i.path.length === 0) ? 1 : 0;
      const best = [...branches].sort((a, b) => wrongType(a) - wrongType(b) || a.length - b.length)[0]?.[0];
      if (best) return describe(best, root, relPath, displayBase);
      return at(`${label}${stripPrefix(issue.message)}, got ${showValue(value)}`);
    }
    default: {
      const secret = issue.code === "custom" && issue.params?.secret === true;
      const got = value === undefined || secret ? "" : `, got ${showValue(value)}`;
      return at(`${label}${stripPrefix(issue.message)}${got}`);
    }
  }
}

/**
 * Formats every issue of a failed parse of `root` (the value that was parsed); `displayBase` prefixes the
 * paths shown, e.g. `["connectors", 1]` when `root` is that element of a larger document.
 */
export function formatIssues(
  error: z.ZodError,
  root: unknown,
  displayBase: readonly PathKey[] = [],
): FormattedIssue[] {
  return error.issues.map((issue) => describe(issue, root, [], displayBase));
}
