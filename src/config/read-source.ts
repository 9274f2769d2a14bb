import { readFileSync } from "node:fs";
import type { z } from "zod";
import { parseYaml, type YamlParse } from "../sync/yaml-source.js";
import { formatIssues } from "../sync/zod-issues.js";
import { ConfigError, type ConfigIssue } from "./errors.js";

export type ReadText = (file: string) => string;

export const readUtf8: ReadText = (file) => readFileSync(file, "utf8");

/** A parsed YAML/JSON file that knows where each of its values is. */
export type ParsedSource = Extract<YamlParse, { ok: true }> & { file: string };

/** Reads and parses a config-like file, or throws a ConfigError saying why (missing file, syntax error). */
export function readSource(file: string, read: ReadText = readUtf8): ParsedSource {
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    const why = code === "ENOENT" ? "file not found" : `cannot read the file (${String(error)})`;
    throw new ConfigError("config_not_found", file, [{ path: "", text: why, line: null, column: null }], {
      cause: error,
    });
  }
  const parsed = parseYaml(text);
  if (!parsed.ok) {
    const issues = parsed.issues.map((i) => ({
      path: "",
      text: `YAML syntax: ${i.message}`,
      line: i.line,
      column: i.column,
    }));
    throw new ConfigError("config_invalid", file, issues);
  }
  return { ...parsed, file };
}

/** zod issues as config issues, each placed at its line and column in the source. */
export function issuesFrom(
  error: z.ZodError,
  root: unknown,
  source: ParsedSource,
  base: readonly PropertyKey[] = [],
): ConfigIssue[] {
  return formatIssues(error, root, base).map((i) => {
    const pos = source.positionOf(i.segments);
    return { path: i.path, text: i.text, line: pos?.line ?? null, column: pos?.column ?? null };
  });
}

/** Parses a whole source with `schema`, or throws every problem at once. */
export function parseSource<T extends z.ZodType>(source: ParsedSource, schema: T): z.output<T> {
  const result = schema.safeParse(source.value);
  if (result.success) return result.data;
  throw new ConfigError("config_invalid", source.file, issuesFrom(result.error, source.value, source));
}
