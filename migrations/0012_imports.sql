CREATE TABLE `import_sources` (
	`site_id` text NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`local_id` text,
	`root_id` text,
	`name` text,
	`url` text,
	`import_id` text NOT NULL,
	PRIMARY KEY(`site_id`, `kind`, `source_id`)
);
--> statement-breakpoint
CREATE INDEX `import_sources_import_idx` ON `import_sources` (`import_id`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`format` text NOT NULL,
	`status` text NOT NULL,
	`article_rule` text,
	`r2_key` text NOT NULL,
	`upload_id` text,
	`bytes` integer DEFAULT 0 NOT NULL,
	`resume_offset` integer DEFAULT 0 NOT NULL,
	`resume_line` integer DEFAULT 1 NOT NULL,
	`lease_until` integer,
	`articles` integer DEFAULT 0 NOT NULL,
	`comments` integer DEFAULT 0 NOT NULL,
	`authors` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`errors` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `imports_site_idx` ON `imports` (`site_id`,`created_at`,`id`);--> statement-breakpoint
ALTER TABLE `articles` ADD `import_id` text;--> statement-breakpoint
CREATE INDEX `articles_import_idx` ON `articles` (`import_id`) WHERE "articles"."import_id" is not null;--> statement-breakpoint
ALTER TABLE `comments` ADD `import_id` text;--> statement-breakpoint
CREATE INDEX `comments_import_idx` ON `comments` (`import_id`) WHERE "comments"."import_id" is not null;--> statement-breakpoint
ALTER TABLE `users` ADD `import_id` text;--> statement-breakpoint
CREATE INDEX `users_import_idx` ON `users` (`import_id`) WHERE "users"."import_id" is not null;