import { isNode, LineCounter, parseDocument } from "yaml";

export interface Position {
  line: number;
  column: number;
}

export interface YamlSyntaxIssue {
  message: string;
  line: number | null;
  column: number | null;
}

export type YamlParse =
  | {
      ok: true;
      value: unknown;
      /** Line and column of the value at `path`, or of its nearest ancestor present in the file. */
      positionOf(path: readonly PropertyKey[]): Position | null;
    }
  | { ok: false; issues: YamlSyntaxIssue[] };

/**
 * Parses YAML (and therefore JSON, a subset of YAML 1.2) keeping node positions, so schema errors found later
 * can point at a line and column. Dates stay strings (the core schema has no timestamp type), which is what
 * calendar dates need. Duplicate keys are errors, not "last one wins".
 * https://eemeli.org/yaml/#documents
 */
export function parseYaml(text: string): YamlParse {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        // The library appends " at line L, column C:" and a code frame; the position is reported separately.
        message: (e.message.split("\n")[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, ""),
        line: e.linePos?.[0].line ?? null,
        column: e.linePos?.[0].col ?? null,
      })),
    };
  }
  return {
    ok: true,
    value: doc.toJS({ maxAliasCount: 100 }),
    positionOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const keys = path.slice(0, n).map((k) => (typeof k === "symbol" ? String(k) : k));
        const node = n === 0 ? doc.contents : doc.getIn(keys, true);
        if (isNode(node) && node.range) {
          const pos = lineCounter.linePos(node.range[0]);
          return { line: pos.line, column: pos.col };
        }
      }
      return null;
    },
  };
}
