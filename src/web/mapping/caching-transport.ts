import type { SheetsTransport } from "../../../connectors/registry.js";
import { WebError } from "../errors.js";

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

/**
 * The mapping editor previews on every change; re-reading the whole tab from Google each time would burn the
 * per-minute read quota. Reads are kept for `ttlMs` (the admin edits the mapping, not the sheet, meanwhile);
 * the editor never writes, so writes are refused rather than forwarded.
 */
export function cachingTransport(
  inner: SheetsTransport,
  ttlMs: number,
  nowMs: () => number,
): SheetsTransport {
  function memo<T>(cache: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && nowMs() - hit.at < ttlMs) return hit.value;
    const value = load();
    cache.set(key, { at: nowMs(), value });
    // The caller still gets the rejection; this only keeps a failed read out of the cache so the next
    // preview asks again.
    value.catch(() => cache.delete(key));
    return value;
  }
  const metas = new Map<string, Entry<Awaited<ReturnType<SheetsTransport["getSpreadsheet"]>>>>();
  const values = new Map<string, Entry<Awaited<ReturnType<SheetsTransport["getValues"]>>>>();
  return {
    getFileVersion: (id, signal) => inner.getFileVersion(id, signal),
    getSpreadsheet: (id, signal) => memo(metas, id, () => inner.getSpreadsheet(id, signal)),
    getValues: (id, range, signal) =>
      memo(values, `${id} ${range}`, () => inner.getValues(id, range, signal)),
    writeValues: async () => {
      throw new WebError("read_only", 500, "the mapping editor never writes to a spreadsheet");
    },
  };
}
