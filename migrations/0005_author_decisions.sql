CREATE TABLE `author_decisions` (
	`site_id` text NOT NULL,
	`user_id` text NOT NULL,
	`day` text NOT NULL,
	`decisions` integer DEFAULT 0 NOT NULL,
	`rejections` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `user_id`, `day`)
);
--> statement-breakpoint
-- Backfill the last 8 days from the audit log, so trust keeps its history across the switch.
INSERT INTO `author_decisions` (`site_id`, `user_id`, `day`, `decisions`, `rejections`)
SELECT `site_id`, `user_id`, strftime('%Y-%m-%d', `created_at` / 1000, 'unixepoch'), count(*), sum(`action` IN ('auto_reject', 'reject'))
FROM `moderation_actions`
WHERE `user_id` IS NOT NULL AND `action` IN ('auto_publish', 'auto_reject', 'approve', 'reject')
  AND `created_at` > (CAST(strftime('%s', 'now') AS INTEGER) - 8 * 86400) * 1000
GROUP BY 1, 2, 3;
