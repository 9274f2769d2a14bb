CREATE TABLE "conflict_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"kind" text NOT NULL,
	"before" text,
	"after" text NOT NULL,
	"recorded_at" text NOT NULL,
	"announced_at" text
);
--> statement-breakpoint
CREATE INDEX "conflict_changes_pending_idx" ON "conflict_changes" USING btree ("announced_at","id");