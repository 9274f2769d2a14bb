/**
 * The SQLite adapter's repositories are synchronous (better-sqlite3 blocks, and a transaction must not yield);
 * `Synchronous<Port>` is a port with its Promises taken off, and `asAsync` puts them back at the boundary.
 */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

export function asAsync<T>(repo: Synchronous<T>): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(repo as Record<string, (...args: unknown[]) => unknown>)) {
    out[name] = async (...args: unknown[]) => fn(...args);
  }
  return out as T;
}
