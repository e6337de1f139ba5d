CREATE TABLE `notification_settings` (
	`user_id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`email_opt_in` integer DEFAULT false NOT NULL,
	`email_sealed` text,
	`emailed_until` integer DEFAULT 0 NOT NULL,
	`last_email_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notification_settings_due_idx` ON `notification_settings` (`email_opt_in`,`last_email_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`user_id` text NOT NULL,
	`type` text NOT NULL,
	`comment_id` text NOT NULL,
	`article_id` text NOT NULL,
	`actor_id` text,
	`reason` text,
	`milestone` integer,
	`created_at` integer NOT NULL,
	`read_at` integer
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`) WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX `notifications_created_idx` ON `notifications` (`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_milestone_idx` ON `notifications` (`comment_id`,`milestone`);--> statement-breakpoint
ALTER TABLE `users` ADD `likes_received` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `comments_author_history_idx` ON `comments` (`author_id`,`site_id`,`status`,`deleted`,`created_at`,`id`);--> statement-breakpoint
-- hand-written below
-- Backfill: 공감 received on each author's published, live comments.
UPDATE `users` SET `likes_received` = (SELECT coalesce(sum(c.`likes`), 0) FROM `comments` c WHERE c.`author_id` = `users`.`id` AND c.`status` = 'published' AND c.`deleted` = 0);
--> statement-breakpoint
-- likes_received follows every reaction, status change, soft delete and removal, as the counts of 0006 do.
CREATE TRIGGER `comments_likes_received_update` AFTER UPDATE OF `likes`, `status`, `deleted`, `author_id` ON `comments`
  WHEN OLD.`likes` IS NOT NEW.`likes` OR OLD.`status` IS NOT NEW.`status` OR OLD.`deleted` IS NOT NEW.`deleted` OR OLD.`author_id` IS NOT NEW.`author_id`
BEGIN
  UPDATE `users` SET `likes_received` = `likes_received` - OLD.`likes` * (OLD.`status` = 'published' AND OLD.`deleted` = 0)
  WHERE `id` = OLD.`author_id` AND OLD.`likes` <> 0;
  UPDATE `users` SET `likes_received` = `likes_received` + NEW.`likes` * (NEW.`status` = 'published' AND NEW.`deleted` = 0)
  WHERE `id` = NEW.`author_id` AND NEW.`likes` <> 0;
END;
--> statement-breakpoint
CREATE TRIGGER `comments_likes_received_delete` AFTER DELETE ON `comments` WHEN OLD.`status` = 'published' AND OLD.`deleted` = 0 AND OLD.`likes` <> 0
BEGIN
  UPDATE `users` SET `likes_received` = `likes_received` - OLD.`likes` WHERE `id` = OLD.`author_id`;
END;
