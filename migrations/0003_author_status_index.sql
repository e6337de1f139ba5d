DROP INDEX `comments_author_idx`;--> statement-breakpoint
CREATE INDEX `comments_author_status_idx` ON `comments` (`author_id`,`site_id`,`status`,`article_id`,`created_at`);