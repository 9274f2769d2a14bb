/**
 * JSON with object keys sorted at every level, so two structurally equal values encode identically whatever
 * order their keys were built in (conflicts come from different rules, each building objects its own way).
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys(Reflect.get(value, k));
    return out;
  }
  return value;
}
