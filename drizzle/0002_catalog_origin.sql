-- Teams and KPIs get an origin (the config's catalog or a connector instance): what existed came from the config.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_kpis` (
	`origin` text DEFAULT 'config' NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`objective` text NOT NULL,
	`owner` text,
	`unit` text,
	`business_unit` text,
	`cost_of_delay_per_day` real NOT NULL,
	`currency` text NOT NULL,
	PRIMARY KEY(`origin`, `key`)
);
--> statement-breakpoint
INSERT INTO `__new_kpis`("origin", "key", "name", "objective", "owner", "unit", "business_unit", "cost_of_delay_per_day", "currency") SELECT 'config', "key", "name", "objective", "owner", "unit", "business_unit", "cost_of_delay_per_day", "currency" FROM `kpis`;--> statement-breakpoint
DROP TABLE `kpis`;--> statement-breakpoint
ALTER TABLE `__new_kpis` RENAME TO `kpis`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE TABLE `__new_teams` (
	`origin` text DEFAULT 'config' NOT NULL,
	`name` text NOT NULL,
	`aliases` text NOT NULL,
	`business_unit` text,
	`slack_channel` text,
	`email` text,
	PRIMARY KEY(`origin`, `name`)
);
--> statement-breakpoint
INSERT INTO `__new_teams`("origin", "name", "aliases", "business_unit", "slack_channel", "email") SELECT 'config', "name", "aliases", "business_unit", "slack_channel", "email" FROM `teams`;--> statement-breakpoint
DROP TABLE `teams`;--> statement-breakpoint
ALTER TABLE `__new_teams` RENAME TO `teams`;