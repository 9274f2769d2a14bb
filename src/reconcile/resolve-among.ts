import { parseJiraBrowseUrl, type RefMiss, resolveRef } from "./ref-resolver.js";
import { StringSlotTable } from "./string-table.js";

/** A live action as far as ref resolution cares. */
export interface RefCandidate {
  id: string;
  nativeKey: string;
  url: string | null;
}

export type RefResolution =
  | { kind: "resolved"; id: string }
  /** Dangling: no candidates; ambiguous: the matching hub ids, sorted. */
  | { kind: "dangling" | "ambiguous"; candidates: string[] };

/**
 * The live actions a ref can possibly resolve to are the ones with one of these ids or native keys: a reader
 * fetches exactly these and hands them to `resolveAmong`, which then answers as the full reconcile would.
 */
export function refLookup(ref: string): { ids: string[]; keys: string[] } {
  const text = ref.trim();
  const key = text.startsWith("http") ? (parseJiraBrowseUrl(text)?.key ?? null) : text;
  return {
    ids: [...new Set([ref, text])],
    keys: key === null ? [] : [...new Set([key, key.toUpperCase()])],
  };
}

/**
 * What `ref` resolves to among `candidates` (every live action `refLookup(ref)` matches), by the reconciler's
 * own resolver: the admin and the API ask this instead of re-implementing resolution, so they cannot disagree
 * with the conflicts and alerts about where a ref points.
 */
export function resolveAmong(ref: string, candidates: readonly RefCandidate[]): RefResolution {
  const ids = new StringSlotTable((s) => candidates[s]!.id, candidates.length);
  const nativeKeys = new StringSlotTable((s) => candidates[s]!.nativeKey, candidates.length);
  candidates.forEach((c, slot) => {
    ids.add(c.id, slot);
    nativeKeys.add(c.nativeKey, slot);
  });
  const miss: RefMiss = { kind: "dangling", candidates: [] };
  const slot = resolveRef({ ids, nativeKeys, urlOf: (s) => candidates[s]?.url ?? null }, ref, miss);
  if (slot >= 0) return { kind: "resolved", id: candidates[slot]!.id };
  if (miss.kind === "dangling") return { kind: "dangling", candidates: [] };
  return { kind: "ambiguous", candidates: miss.candidates.map((s) => candidates[s]!.id).sort() };
}
