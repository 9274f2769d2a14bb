import { hashString, type StringSlotTable } from "./string-table.js";

/**
 * Dependency and mirror refs are whatever the tool said: a hub id (`jira-eng:PAY-142`), a native key
 * (`PAY-142`) or a Jira browse URL. Resolution order: exact hub id, then the native key (from the URL when
 * it is one). A key several live actions share is ambiguous unless the URL's host picks exactly one of them.
 */

const JIRA_BROWSE_RE = /^https?:\/\/([^/?#\s]+)\/browse\/([^/?#\s]+)/i;
const HOST_RE = /^https?:\/\/([^/?#\s]+)/i;

export function parseJiraBrowseUrl(ref: string): { host: string; key: string } | null {
  const m = JIRA_BROWSE_RE.exec(ref);
  if (!m?.[1] || !m[2]) return null;
  return { host: m[1].toLowerCase(), key: decodeURIComponent(m[2]) };
}

export function urlHost(url: string | null): string | null {
  if (url === null) return null;
  return HOST_RE.exec(url)?.[1]?.toLowerCase() ?? null;
}

export interface RefIssue {
  relation: "dependsOn" | "mirrors";
  ref: string;
  kind: "dangling" | "ambiguous";
  /** Hub ids of the matching actions, sorted (ambiguous only). */
  candidates: string[];
  /** Lookup keys the ref tried: when an action with one of them appears or goes, the ref is re-resolved. */
  keys: string[];
}

export interface RefIndexView {
  readonly ids: StringSlotTable;
  readonly nativeKeys: StringSlotTable;
  urlOf(slot: number): string | null;
}

/** Filled by `resolveRef` when it returns -1. */
export interface RefMiss {
  kind: "dangling" | "ambiguous";
  candidates: number[];
}

export function lookupKeys(ref: string): string[] {
  const text = ref.trim();
  const url = text.startsWith("http") ? parseJiraBrowseUrl(text) : null;
  const key = url ? url.key : text;
  return [...new Set([text, key, key.toUpperCase()])];
}

function missed(miss: RefMiss, kind: RefMiss["kind"], candidates: number[]): number {
  miss.kind = kind;
  miss.candidates = candidates;
  return -1;
}

/**
 * The matched slot, or -1 with `miss` saying why. The match path allocates nothing (two million refs).
 * `notAnId`: the caller already knows no id has the ref's hash, so the exact-id lookup is skipped.
 */
export function resolveRef(view: RefIndexView, ref: string, miss: RefMiss, notAnId = false): number {
  const h = hashString(ref);
  const direct = notAnId ? -1 : view.ids.first(ref, h);
  if (direct >= 0) return direct;
  const text = ref.trim();
  if (text !== ref) {
    const trimmed = view.ids.first(text);
    if (trimmed >= 0) return trimmed;
  }
  let key = text;
  let host: string | null = null;
  if (text.startsWith("http")) {
    const url = parseJiraBrowseUrl(text);
    if (!url) return missed(miss, "dangling", []);
    key = url.key;
    host = url.host;
  }
  let found = view.nativeKeys.unique(key, key === ref ? h : hashString(key));
  if (found === -1 && key.toUpperCase() !== key) {
    key = key.toUpperCase();
    found = view.nativeKeys.unique(key);
  }
  if (found >= 0) return found;
  if (found === -1) return missed(miss, "dangling", []);
  const all = view.nativeKeys.all(key);
  const sameHost = host === null ? [] : all.filter((s) => urlHost(view.urlOf(s)) === host);
  if (sameHost.length === 1 && sameHost[0] !== undefined) return sameHost[0];
  return missed(miss, "ambiguous", sameHost.length > 1 ? sameHost : all);
}
