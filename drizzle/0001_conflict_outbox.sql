CREATE TABLE `conflict_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	`kind` text NOT NULL,
	`before` text,
	`after` text NOT NULL,
	`recorded_at` text NOT NULL,
	`announced_at` text
);
--> statement-breakpoint
CREATE INDEX `conflict_changes_pending_idx` ON `conflict_changes` (`announced_at`,`id`);
--> statement-breakpoint
-- Conflicts recorded before the outbox and never announced to anyone are owed once, as "opened".
INSERT INTO `conflict_changes` (`fingerprint`, `kind`, `before`, `after`, `recorded_at`, `announced_at`)
SELECT `fingerprint`, 'opened', NULL, `payload`, `last_seen`, NULL FROM `conflicts`
WHERE `status` <> 'resolved'
  AND NOT EXISTS (SELECT 1 FROM `alert_ledger` WHERE `alert_ledger`.`fingerprint` = `conflicts`.`fingerprint`)
ORDER BY `fingerprint`;
