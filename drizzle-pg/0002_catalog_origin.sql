-- Teams and KPIs get an origin (the config's catalog or a connector instance): what existed came from the config.
ALTER TABLE "kpis" ADD COLUMN "origin" text DEFAULT 'config' NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "origin" text DEFAULT 'config' NOT NULL;--> statement-breakpoint
ALTER TABLE "kpis" DROP CONSTRAINT "kpis_pkey";--> statement-breakpoint
ALTER TABLE "teams" DROP CONSTRAINT "teams_pkey";--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_origin_key_pk" PRIMARY KEY("origin","key");--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_origin_name_pk" PRIMARY KEY("origin","name");
