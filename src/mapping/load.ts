import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { type Document, isMap, isNode, isScalar, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { ValidationError } from "../model/index.js";
import { type Mapping, MappingSchema } from "./schema.js";

/** One problem in a mapping file, precise enough to jump to: file, path in the document, line. */
export interface MappingIssue {
  file: string;
  /** `fields.status.transform.values.WIP`, or "" for the document itself. */
  path: string;
  message: string;
  line: number | null;
  column: number | null;
}

export type MappingValidation =
  | { ok: true; file: string; mapping: Mapping }
  | { ok: false; file: string; errors: MappingIssue[] };

export interface LoadedMapping {
  file: string;
  /** Directory of the mapping file: a csv mapping's `path` is relative to it. */
  dir: string;
  mapping: Mapping;
}

type PathKey = PropertyKey;

function formatPath(path: readonly PathKey[]): string {
  return path
    .map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join("");
}

/**
 * zod reports a failed union as "Invalid input" with one issue list per branch. The branch that got furthest
 * (longest issue path) is almost always the one the author meant, so its issues are the useful ones.
 */
function flatten(issues: readonly z.core.$ZodIssue[], base: readonly PathKey[] = []): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const best = [...issue.errors].sort(
        (a, b) => Math.max(0, ...b.map((i) => i.path.length)) - Math.max(0, ...a.map((i) => i.path.length)),
      )[0]!;
      const deep = best.some((i) => i.path.length > 0);
      if (deep) {
        out.push(...flatten(best, path));
        continue;
      }
      const expected = issue.errors.flatMap((branch) =>
        branch.flatMap((i) => (i.code === "invalid_value" ? i.values.map((v) => JSON.stringify(v)) : [])),
      );
      const message =
        expected.length > 0
          ? `expected one of ${expected.join(", ")} or an object with a type`
          : issue.message;
      out.push({ ...issue, path, message });
      continue;
    }
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        out.push({ ...issue, path: [...path, key], message: `unknown key "${key}"` });
      continue;
    }
    if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) {
      out.push({ ...issue, path, message: `required, expected ${issue.expected}` });
      continue;
    }
    out.push({ ...issue, path });
  }
  return out;
}

/** Position of the deepest node of `path` that exists in the document. */
function positionOf(
  doc: Document,
  lines: LineCounter,
  path: readonly PathKey[],
): { line: number; col: number } | null {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n).map((k) => (typeof k === "symbol" ? String(k) : k));
    const parent = sub.length > 0 ? doc.getIn(sub.slice(0, -1), true) : null;
    const last = sub[sub.length - 1];
    // Point at the key itself when there is one (an unknown key, a misspelt field), else at the value.
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
      if (pair && isNode(pair.key) && pair.key.range) return lines.linePos(pair.key.range[0]);
    }
    const node = sub.length > 0 ? doc.getIn(sub, true) : doc.contents;
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  return null;
}

export function parseMappingText(text: string, file: string): MappingValidation {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      file,
      errors: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return {
          file,
          path: "",
          message: e.message.split("\n")[0] ?? e.message,
          line: pos.line,
          column: pos.col,
        };
      }),
    };
  }
  const parsed = MappingSchema.safeParse(doc.toJS());
  if (parsed.success) return { ok: true, file, mapping: parsed.data };
  return {
    ok: false,
    file,
    errors: flatten(parsed.error.issues).map((issue) => {
      const pos = positionOf(doc, lines, issue.path);
      return {
        file,
        path: formatPath(issue.path),
        message: issue.message,
        line: pos?.line ?? null,
        column: pos?.col ?? null,
      };
    }),
  };
}

/** `sightline mapping validate FILE`: every problem of the file, none thrown. */
export async function validateMappingFile(path: string): Promise<MappingValidation> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, file: path, errors: [{ file: path, path: "", message, line: null, column: null }] };
  }
  return parseMappingText(text, path);
}

export function formatMappingIssue(issue: MappingIssue): string {
  const at = issue.line === null ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  return `${at}: ${issue.path === "" ? "" : `${issue.path}: `}${issue.message}`;
}

/** Loads a mapping for a sync; throws a ValidationError listing every problem with file, line and path. */
export async function loadMappingFile(path: string): Promise<LoadedMapping> {
  const result = await validateMappingFile(path);
  if (!result.ok) {
    const issues = result.errors.map(
      (e) => `${e.line === null ? "" : `line ${e.line}: `}${e.path === "" ? "" : `${e.path}: `}${e.message}`,
    );
    throw new ValidationError(path, issues);
  }
  return { file: path, dir: dirname(resolve(path)), mapping: result.mapping };
}
