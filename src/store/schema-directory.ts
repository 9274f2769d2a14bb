import { index, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const people = sqliteTable(
  "people",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** JSON array of lower-case addresses. */
    emails: text("emails").notNull(),
    aliases: text("aliases").notNull(),
    jiraAccountId: text("jira_account_id"),
    slackUserId: text("slack_user_id"),
    team: text("team"),
    timeZone: text("time_zone"),
    alertPreference: text("alert_preference").notNull(),
    /** `directory` (from the people file, replaced wholesale) or `discovered` (first revealed by a tool). */
    origin: text("origin").notNull(),
    /**
     * JSON Person: everything tools revealed about this person, merged over time. Kept apart from the columns
     * above so that replacing the directory file does not forget a Jira accountId an incremental sync will
     * not reveal again; the two are merged when the directory is loaded.
     */
    revealed: text("revealed"),
  },
  (t) => [index("people_jira_idx").on(t.jiraAccountId), index("people_slack_idx").on(t.slackUserId)],
);

/**
 * Teams and KPIs keep one row per (origin, name): `config` for the config's catalog, else the connector instance
 * that sent it. Each origin replaces only its own rows, so opening the app (which rewrites the config's catalog)
 * never deletes what a connector delivered; reads merge them, the config's entry first (catalog-merge.ts).
 */
export const teams = sqliteTable(
  "teams",
  {
    origin: text("origin").notNull().default("config"),
    name: text("name").notNull(),
    aliases: text("aliases").notNull(),
    businessUnit: text("business_unit"),
    slackChannel: text("slack_channel"),
    email: text("email"),
  },
  (t) => [primaryKey({ columns: [t.origin, t.name] })],
);

export const kpis = sqliteTable(
  "kpis",
  {
    origin: text("origin").notNull().default("config"),
    key: text("key").notNull(),
    name: text("name").notNull(),
    objective: text("objective").notNull(),
    owner: text("owner"),
    unit: text("unit"),
    businessUnit: text("business_unit"),
    costOfDelayPerDay: real("cost_of_delay_per_day").notNull(),
    currency: text("currency").notNull(),
  },
  (t) => [primaryKey({ columns: [t.origin, t.key] })],
);
