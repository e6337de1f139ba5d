CREATE TABLE `adaptation_labels` (
	`site_id` text NOT NULL,
	`comment_id` text NOT NULL,
	`abusive` integer NOT NULL,
	`score` real NOT NULL,
	`decided_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `comment_id`)
);
--> statement-breakpoint
CREATE INDEX `adaptation_labels_recent_idx` ON `adaptation_labels` (`site_id`,`decided_at`);--> statement-breakpoint
CREATE TABLE `site_adaptations` (
	`site_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`weights` blob NOT NULL,
	`squared` blob NOT NULL,
	`bias` real NOT NULL,
	`scale` real NOT NULL,
	`bias_squared` real NOT NULL,
	`scale_squared` real NOT NULL,
	`abusive_labels` integer NOT NULL,
	`clean_labels` integer NOT NULL,
	`threshold` real,
	`calibrated_at` integer,
	`updated_at` integer NOT NULL
);
