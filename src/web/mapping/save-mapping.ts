import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { normalizeHeader } from "../../mapping/headers.js";
import { MAPPED_FIELDS, parseMappingText, type SheetsMapping, toYaml } from "../../mapping/index.js";
import type { ResolvedWebDeps, SheetSource } from "../deps.js";
import { WebError } from "../errors.js";
import { currentMapping, parseSheetsMapping } from "./editor-service.js";
import { MappingInvalidError } from "./mapping-invalid.js";

export interface SavedMapping {
  file: string;
  instance: string | null;
  yaml: string;
}

/**
 * The editor maps columns by their header today; the file may also know older header names (aliases),
 * optional columns and a locale. Where a field still reads the same column, those are carried over instead of
 * dropped.
 */
export function keepKnownDetails(next: SheetsMapping, current: SheetsMapping | null): SheetsMapping {
  if (!current) return next;
  const same = (a: string, b: string) => normalizeHeader(a) === normalizeHeader(b);
  const out: SheetsMapping = {
    ...next,
    fields: { ...next.fields },
    // The editor does not show the text-date locale; a file that set one keeps it.
    ...(next.locale === undefined && current.locale !== undefined ? { locale: current.locale } : {}),
  };
  if (!next.key.aliases && current.key.aliases && same(next.key.column, current.key.column)) {
    out.key = { ...next.key, aliases: current.key.aliases };
  }
  for (const field of MAPPED_FIELDS) {
    const now = next.fields[field];
    const before = current.fields[field];
    if (!now || !before || !same(now.column, before.column)) continue;
    const merged = {
      ...now,
      ...(now.aliases === undefined && before.aliases ? { aliases: before.aliases } : {}),
      ...(now.required === undefined && before.required !== undefined ? { required: before.required } : {}),
    };
    Object.assign(out.fields, { [field]: merged });
  }
  return out;
}

function insideDir(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return false;
    throw error;
  }
}

/**
 * Saves a mapping as commented YAML under the mappings folder: over a configured instance's own file (its
 * next sync reads it), or as a new file for a spreadsheet no instance reads yet. The text written is
 * validated again exactly as `sightline mapping validate` would, and replaces the file atomically.
 */
export async function saveMapping(
  deps: ResolvedWebDeps,
  source: SheetSource,
  input: unknown,
  fileName: string | undefined,
): Promise<SavedMapping> {
  const parsed = parseSheetsMapping(input);
  let target: string;
  let mapping = parsed;
  if ("instance" in source) {
    const current = await currentMapping(deps, source.instance);
    target = current.path;
    mapping = keepKnownDetails(parsed, current.mapping);
  } else {
    if (!fileName) throw new WebError("bad_request", 400, "fileName: required to save a new mapping file");
    target = join(deps.mappingsDir, `${fileName}.yaml`);
    if (await exists(target)) {
      throw new WebError(
        "mapping_exists",
        409,
        `mappings/${fileName}.yaml already exists; choose another name`,
      );
    }
  }
  target = resolve(target);
  if (!insideDir(deps.mappingsDir, target)) {
    throw new WebError(
      "mapping_outside",
      409,
      `${relative(deps.ctx.config.dir, target)} is outside ${relative(deps.ctx.config.dir, deps.mappingsDir) || "."}: the editor only writes mapping files there`,
    );
  }
  const yaml = toYaml(mapping);
  const check = parseMappingText(yaml, target);
  if (!check.ok)
    throw new MappingInvalidError(check.errors.map((e) => ({ path: e.path, message: e.message })));

  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temp, yaml, "utf8");
    // rename() replaces in one step: a sync starting meanwhile reads the old file or the new, never half.
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return {
    file: relative(deps.ctx.config.dir, target),
    instance: "instance" in source ? source.instance : null,
    yaml,
  };
}
