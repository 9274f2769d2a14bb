import { createHash } from "node:crypto";
import type { Mapping } from "./schema.js";

/** Short hash of a parsed mapping: stored in cursors so that editing the mapping forces a re-read. */
export function mappingHash(mapping: Mapping): string {
  return createHash("sha256").update(JSON.stringify(mapping)).digest("hex").slice(0, 16);
}
