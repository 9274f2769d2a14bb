-- Edited after `drizzle-kit generate`: table references are left unqualified (drizzle-kit writes "public".) so
-- the schema can live in any schema the search_path names (tests use one per test, deployments may too).
CREATE TABLE "action_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"action_id" text NOT NULL,
	"field" text NOT NULL,
	"from_value" text,
	"to_value" text,
	"at" text NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" text PRIMARY KEY NOT NULL,
	"source_kind" text NOT NULL,
	"source_instance" text NOT NULL,
	"native_key" text NOT NULL,
	"url" text,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"owner_raw" text,
	"owner" text,
	"team" text,
	"business_unit" text,
	"program" text,
	"start" text,
	"due" text,
	"baseline_due" text,
	"kpis" text NOT NULL,
	"depends_on" text NOT NULL,
	"mirrors" text NOT NULL,
	"source_updated_at" text,
	"synced_at" text NOT NULL,
	"content_hash" text NOT NULL,
	"removed_at" text
);
--> statement-breakpoint
CREATE TABLE "alert_ledger" (
	"key" text PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"recipient" text NOT NULL,
	"change_key" text NOT NULL,
	"channel" text NOT NULL,
	"message_ref" text,
	"status" text NOT NULL,
	"sent_at" text NOT NULL,
	"updated_at" text
);
--> statement-breakpoint
CREATE TABLE "conflicts" (
	"fingerprint" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"action_id" text,
	"payload" text NOT NULL,
	"status" text NOT NULL,
	"snoozed_until" text,
	"status_by" text,
	"status_at" text,
	"first_seen" text NOT NULL,
	"last_seen" text NOT NULL,
	"resolved_at" text
);
--> statement-breakpoint
CREATE TABLE "dependencies" (
	"action_id" text NOT NULL,
	"position" integer NOT NULL,
	"ref" text NOT NULL,
	"type" text NOT NULL,
	"lag_days" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dependencies_action_id_position_pk" PRIMARY KEY("action_id","position")
);
--> statement-breakpoint
CREATE TABLE "dependency_overrides" (
	"dependent_id" text NOT NULL,
	"dependency_id" text NOT NULL,
	"by" text NOT NULL,
	"at" text NOT NULL,
	CONSTRAINT "dependency_overrides_dependent_id_dependency_id_pk" PRIMARY KEY("dependent_id","dependency_id")
);
--> statement-breakpoint
CREATE TABLE "kpis" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"objective" text NOT NULL,
	"owner" text,
	"unit" text,
	"business_unit" text,
	"cost_of_delay_per_day" double precision NOT NULL,
	"currency" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"emails" text NOT NULL,
	"aliases" text NOT NULL,
	"jira_account_id" text,
	"slack_user_id" text,
	"team" text,
	"time_zone" text,
	"alert_preference" text NOT NULL,
	"origin" text NOT NULL,
	"revealed" text
);
--> statement-breakpoint
CREATE TABLE "quarantine" (
	"id" serial PRIMARY KEY NOT NULL,
	"instance" text NOT NULL,
	"location" text NOT NULL,
	"native_key" text,
	"source_column" text,
	"field" text,
	"reason" text NOT NULL,
	"raw" text,
	"first_seen" text NOT NULL,
	"last_seen" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_state" (
	"instance" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"cursor" text,
	"cursor_at" text,
	"status" text,
	"message" text,
	"started_at" text,
	"finished_at" text,
	"pages" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"quarantined" integer DEFAULT 0 NOT NULL,
	"removed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"name" text PRIMARY KEY NOT NULL,
	"aliases" text NOT NULL,
	"business_unit" text,
	"slack_channel" text,
	"email" text
);
--> statement-breakpoint
ALTER TABLE "action_events" ADD CONSTRAINT "action_events_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dependencies" ADD CONSTRAINT "dependencies_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_events_action_idx" ON "action_events" USING btree ("action_id");--> statement-breakpoint
CREATE UNIQUE INDEX "actions_source_key_uq" ON "actions" USING btree ("source_instance","native_key");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_ledger_change_uq" ON "alert_ledger" USING btree ("fingerprint","recipient","change_key");--> statement-breakpoint
CREATE INDEX "conflicts_status_idx" ON "conflicts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "conflicts_action_idx" ON "conflicts" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "people_jira_idx" ON "people" USING btree ("jira_account_id");--> statement-breakpoint
CREATE INDEX "people_slack_idx" ON "people" USING btree ("slack_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quarantine_dedupe_uq" ON "quarantine" USING btree ("instance","location","reason");--> statement-breakpoint
CREATE INDEX "quarantine_key_idx" ON "quarantine" USING btree ("instance","native_key");