import type { Database } from "better-sqlite3";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

/** The drizzle handle every repository takes; `$client` is the raw connection, used for transactions. */
export type StoreDb = BetterSQLite3Database & { $client: Database };
