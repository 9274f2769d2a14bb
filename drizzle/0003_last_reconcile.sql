CREATE TABLE `reconcile_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL,
	`at` text NOT NULL,
	`detected` integer NOT NULL
);
