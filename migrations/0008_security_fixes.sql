CREATE TABLE `sso_exchanges` (
	`site_id` text NOT NULL,
	`token_key` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `token_key`)
);
--> statement-breakpoint
CREATE INDEX `sso_exchanges_expiry_idx` ON `sso_exchanges` (`expires_at`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `via` text;--> statement-breakpoint
ALTER TABLE `sites` ADD `webhook_secret_sealed` text;--> statement-breakpoint
ALTER TABLE `users` ADD `sessions_revoked_at` integer;