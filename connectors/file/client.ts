import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { SightlineError } from "../../src/model/index.js";
import { parseYaml } from "../../src/sync/yaml-source.js";
import { formatIssues } from "../../src/sync/zod-issues.js";
import { type RawFile, RawFileSchema } from "./raw-schema.js";

export type FileReader = (path: string, signal?: AbortSignal) => Promise<string>;

/** The transport of the file connector: the file system, or anything a test injects. */
export const readUtf8File: FileReader = (path, signal) => readFile(path, { encoding: "utf8", signal });

export class FileConnectorError extends SightlineError {
  readonly file: string;
  constructor(
    code: "file_unreadable" | "file_invalid",
    file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, `${file}: ${message}`, options);
    this.file = file;
  }
}

export interface FileSnapshot {
  sha256: string;
  text: string;
}

export async function readSnapshot(
  read: FileReader,
  path: string,
  label: string,
  signal?: AbortSignal,
): Promise<FileSnapshot> {
  let text: string;
  try {
    text = await read(path, signal);
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    const why = code === "ENOENT" ? "file not found" : `cannot read the file (${String(error)})`;
    throw new FileConnectorError("file_unreadable", label, why, { cause: error });
  }
  return { text, sha256: createHash("sha256").update(text).digest("hex") };
}

/**
 * Parses the file as YAML (JSON is a subset) and checks its outline. Problems with the file as a whole fail the
 * sync (there is no record to quarantine); problems with one action are left to the mapper.
 */
export function parseFile(text: string, label: string): RawFile {
  const parsed = parseYaml(text);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    const where = first?.line ? `line ${first.line}, column ${first.column ?? 1}: ` : "";
    throw new FileConnectorError(
      "file_invalid",
      label,
      `${where}${first?.message ?? "unreadable YAML/JSON"}`,
    );
  }
  const outline = RawFileSchema.safeParse(parsed.value ?? {});
  if (!outline.success) {
    const problems = formatIssues(outline.error, parsed.value).map((i) => {
      const pos = parsed.positionOf(i.segments);
      return pos ? `line ${pos.line}: ${i.text}` : i.text;
    });
    const expected = "expected { actions: [...], people?: [...], teams?: [...], kpis?: [...] }";
    throw new FileConnectorError("file_invalid", label, `${problems.join("; ")} (${expected})`);
  }
  return outline.data;
}
