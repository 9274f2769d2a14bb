import { SOURCE_LABELS } from "../../../connectors/registry.js";
import { formatHuman } from "../../model/index.js";

/** The pages and the weekly report show money the same way. */
export { reportMoney as money } from "../../report/money-text.js";

export function day(date: string | null | undefined): string {
  return date ? formatHuman(date) : "—";
}

/** An ISO instant as "2026-01-12 09:15 UTC": unambiguous for admins in any zone. */
export function instant(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** How the tool of a kind is called (the manifests' labels: "Google Sheets"). */
export function toolName(kind: string): string {
  return SOURCE_LABELS[kind] ?? kind;
}

export function label(identifier: string): string {
  return identifier.replace(/_/g, " ");
}

/** `jira-eng:PAY-142` → `PAY-142`: what people call the item in its tool. */
export function shortId(id: string): string {
  const i = id.indexOf(":");
  return i < 0 ? id : id.slice(i + 1);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** History values are JSON-encoded; shown as people read them (a date, a list, "nothing"). */
export function historyValue(json: string | null): string {
  if (json === null) return "nothing";
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // Written by this code as JSON, so unreachable in practice; the stored text is still worth showing.
    return json;
  }
  if (value === null || value === "") return "nothing";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    return value.length === 0
      ? "none"
      : value
          .map((v) => (typeof v === "object" && v !== null && "ref" in v ? String(v.ref) : String(v)))
          .join(", ");
  }
  return JSON.stringify(value);
}

/** An alert ledger change key (`critical/38`, `warning/-`, `resolved|critical/38`) as people say it. */
export function changeText(changeKey: string): string {
  const resolved = changeKey.startsWith("resolved|");
  const m = /^([a-z]+)\/(-|\d+)$/.exec(resolved ? changeKey.slice("resolved|".length) : changeKey);
  if (!m) return changeKey;
  const what = m[2] === "-" ? m[1]! : `${m[1]}, ${plural(Number(m[2]), "day")} short`;
  return resolved ? `cleared (was ${what})` : what;
}
