import { index, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

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

export const teams = sqliteTable("teams", {
  name: text("name").primaryKey(),
  aliases: text("aliases").notNull(),
  businessUnit: text("business_unit"),
  slackChannel: text("slack_channel"),
  email: text("email"),
});

export const kpis = sqliteTable("kpis", {
  key: text("key").primaryKey(),
  name: text("name").notNull(),
  objective: text("objective").notNull(),
  owner: text("owner"),
  unit: text("unit"),
  businessUnit: text("business_unit"),
  costOfDelayPerDay: real("cost_of_delay_per_day").notNull(),
  currency: text("currency").notNull(),
});
