CREATE TABLE `bans` (
	`site_id` text NOT NULL,
	`user_id` text NOT NULL,
	`until` integer,
	`reason` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `daily_counters` (
	`site_id` text NOT NULL,
	`user_id` text NOT NULL,
	`day` text NOT NULL,
	`article_id` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`last_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `user_id`, `day`, `article_id`)
);
--> statement-breakpoint
CREATE TABLE `moderation_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`comment_id` text,
	`user_id` text,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`status_before` text,
	`status_after` text,
	`reason` text,
	`details` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `actions_site_idx` ON `moderation_actions` (`site_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `actions_comment_idx` ON `moderation_actions` (`comment_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `actions_user_idx` ON `moderation_actions` (`site_id`,`user_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `moderators` (
	`site_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `queue_counts` (
	`site_id` text NOT NULL,
	`queue` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `queue`)
);
--> statement-breakpoint
ALTER TABLE `articles` ADD `premoderation` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `reasons` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `comments` ADD `toxicity` real;--> statement-breakpoint
ALTER TABLE `comments` ADD `body_hash` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `reported_at` integer;--> statement-breakpoint
ALTER TABLE `comments` ADD `reviewed_at` integer;--> statement-breakpoint
ALTER TABLE `comments` ADD `reviewed_by` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `comments_queue_idx` ON `comments` (`site_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `comments_reviewed_idx` ON `comments` (`site_id`,`status`,`reviewed_at`,`id`);--> statement-breakpoint
CREATE INDEX `comments_reported_idx` ON `comments` (`site_id`,`reported_at`,`id`);--> statement-breakpoint
CREATE INDEX `comments_author_hash_idx` ON `comments` (`author_id`,`body_hash`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_site_hash_idx` ON `comments` (`site_id`,`body_hash`,`created_at`);