CREATE TABLE `folds` (
	`comment_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`comment_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `folds_user_idx` ON `folds` (`user_id`);--> statement-breakpoint
ALTER TABLE `comments` ADD `net` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `comments` ADD `ratio_key` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `comments` ADD `fold_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `comments` ADD `pinned_at` integer;--> statement-breakpoint
ALTER TABLE `comments` ADD `featured_at` integer;--> statement-breakpoint
CREATE INDEX `comments_net_idx` ON `comments` (`site_id`,`article_id`,`parent_id`,`status`,`net`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `comments_ratio_idx` ON `comments` (`site_id`,`article_id`,`parent_id`,`status`,`ratio_key`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `comments_replies_idx` ON `comments` (`site_id`,`article_id`,`parent_id`,`status`,`reply_count`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `comments_featured_idx` ON `comments` (`site_id`,`article_id`,`parent_id`,`status`,`featured_at`,`created_at`,`id`) WHERE featured_at is not null;--> statement-breakpoint
CREATE INDEX `comments_pinned_idx` ON `comments` (`site_id`,`article_id`,`pinned_at`) WHERE pinned_at is not null;--> statement-breakpoint
ALTER TABLE `users` ADD `badges` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `granted_badges` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- hand-written below
-- The ratio sort's key for a comment of site `site`: 2 + likes / total with at least the site's
-- ratioMinReactions (default 10) reactions, else likes / total (0 without any).
CREATE TRIGGER `comments_sort_keys` AFTER UPDATE OF `likes`, `dislikes` ON `comments`
BEGIN
  UPDATE `comments` SET
    `net` = NEW.`likes` - NEW.`dislikes`,
    `ratio_key` = CASE
      WHEN NEW.`likes` + NEW.`dislikes` = 0 THEN 0
      WHEN NEW.`likes` + NEW.`dislikes` >= coalesce((SELECT json_extract(`settings`, '$.ratioMinReactions') FROM `sites` WHERE `id` = NEW.`site_id`), 10)
        THEN 2 + NEW.`likes` * 1.0 / (NEW.`likes` + NEW.`dislikes`)
      ELSE NEW.`likes` * 1.0 / (NEW.`likes` + NEW.`dislikes`)
    END
  WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
-- A site that changes ratioMinReactions re-keys its reacted comments at once.
CREATE TRIGGER `sites_ratio_min_reactions` AFTER UPDATE OF `settings` ON `sites`
  WHEN coalesce(json_extract(OLD.`settings`, '$.ratioMinReactions'), 10) IS NOT coalesce(json_extract(NEW.`settings`, '$.ratioMinReactions'), 10)
BEGIN
  UPDATE `comments` SET `ratio_key` = CASE
      WHEN `likes` + `dislikes` >= coalesce(json_extract(NEW.`settings`, '$.ratioMinReactions'), 10) THEN 2 + `likes` * 1.0 / (`likes` + `dislikes`)
      ELSE `likes` * 1.0 / (`likes` + `dislikes`)
    END
  WHERE `site_id` = NEW.`id` AND `likes` + `dislikes` > 0;
END;
--> statement-breakpoint
CREATE TRIGGER `folds_count_insert` AFTER INSERT ON `folds`
BEGIN
  UPDATE `comments` SET `fold_count` = `fold_count` + 1 WHERE `id` = NEW.`comment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `folds_count_delete` AFTER DELETE ON `folds`
BEGIN
  UPDATE `comments` SET `fold_count` = `fold_count` - 1 WHERE `id` = OLD.`comment_id`;
END;
--> statement-breakpoint
-- Backfill the sort keys of existing comments (no site sets ratioMinReactions yet: default 10).
UPDATE `comments` SET `net` = `likes` - `dislikes`, `ratio_key` = CASE
    WHEN `likes` + `dislikes` = 0 THEN 0
    WHEN `likes` + `dislikes` >= 10 THEN 2 + `likes` * 1.0 / (`likes` + `dislikes`)
    ELSE `likes` * 1.0 / (`likes` + `dislikes`)
  END
WHERE `likes` + `dislikes` > 0;
