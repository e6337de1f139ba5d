ALTER TABLE `users` ADD `published_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `pending_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `rejected_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Backfill: every author's live comments per status.
UPDATE `users` SET
  `published_count` = (SELECT count(*) FROM `comments` c WHERE c.`author_id` = `users`.`id` AND c.`deleted` = 0 AND c.`status` = 'published'),
  `pending_count` = (SELECT count(*) FROM `comments` c WHERE c.`author_id` = `users`.`id` AND c.`deleted` = 0 AND c.`status` = 'pending'),
  `rejected_count` = (SELECT count(*) FROM `comments` c WHERE c.`author_id` = `users`.`id` AND c.`deleted` = 0 AND c.`status` = 'rejected');
--> statement-breakpoint
-- The counters follow every insert, status change, soft delete and removal of a comment, whatever
-- code path makes it: a trigger cannot be forgotten by the next use case.
CREATE TRIGGER `comments_author_counts_insert` AFTER INSERT ON `comments` WHEN NEW.`deleted` = 0
BEGIN
  UPDATE `users` SET
    `published_count` = `published_count` + (NEW.`status` = 'published'),
    `pending_count` = `pending_count` + (NEW.`status` = 'pending'),
    `rejected_count` = `rejected_count` + (NEW.`status` = 'rejected')
  WHERE `id` = NEW.`author_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `comments_author_counts_delete` AFTER DELETE ON `comments` WHEN OLD.`deleted` = 0
BEGIN
  UPDATE `users` SET
    `published_count` = `published_count` - (OLD.`status` = 'published'),
    `pending_count` = `pending_count` - (OLD.`status` = 'pending'),
    `rejected_count` = `rejected_count` - (OLD.`status` = 'rejected')
  WHERE `id` = OLD.`author_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `comments_author_counts_update` AFTER UPDATE OF `status`, `deleted`, `author_id` ON `comments`
  WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`deleted` IS NOT NEW.`deleted` OR OLD.`author_id` IS NOT NEW.`author_id`
BEGIN
  UPDATE `users` SET
    `published_count` = `published_count` - (OLD.`status` = 'published' AND OLD.`deleted` = 0),
    `pending_count` = `pending_count` - (OLD.`status` = 'pending' AND OLD.`deleted` = 0),
    `rejected_count` = `rejected_count` - (OLD.`status` = 'rejected' AND OLD.`deleted` = 0)
  WHERE `id` = OLD.`author_id`;
  UPDATE `users` SET
    `published_count` = `published_count` + (NEW.`status` = 'published' AND NEW.`deleted` = 0),
    `pending_count` = `pending_count` + (NEW.`status` = 'pending' AND NEW.`deleted` = 0),
    `rejected_count` = `rejected_count` + (NEW.`status` = 'rejected' AND NEW.`deleted` = 0)
  WHERE `id` = NEW.`author_id`;
END;
