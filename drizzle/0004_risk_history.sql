CREATE TABLE `risk_history` (
	`as_of` text NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`value_at_risk` real NOT NULL,
	`days` integer NOT NULL,
	`conflicts` integer NOT NULL,
	`recorded_at` text NOT NULL,
	PRIMARY KEY(`as_of`, `kind`, `key`)
);
