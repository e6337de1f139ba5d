CREATE TABLE `link_tickets` (
	`ticket_hash` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`provider` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `link_tickets_user_idx` ON `link_tickets` (`user_id`);--> statement-breakpoint
CREATE INDEX `link_tickets_expiry_idx` ON `link_tickets` (`expires_at`);--> statement-breakpoint
CREATE TABLE `login_providers` (
	`site_id` text NOT NULL,
	`id` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`label` text,
	`client_id` text NOT NULL,
	`client_secret_sealed` text,
	`client_secret_ref` text,
	`issuer` text,
	`endpoints` text,
	`scopes` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `id`)
);
--> statement-breakpoint
CREATE TABLE `pending_links` (
	`proof_hash` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`provider` text NOT NULL,
	`subject` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pending_links_user_idx` ON `pending_links` (`user_id`);--> statement-breakpoint
CREATE INDEX `pending_links_expiry_idx` ON `pending_links` (`expires_at`);--> statement-breakpoint
CREATE TABLE `pending_logins` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`provider` text NOT NULL,
	`origin` text NOT NULL,
	`browser_hash` text NOT NULL,
	`link_user_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pending_logins_expiry_idx` ON `pending_logins` (`expires_at`);--> statement-breakpoint
DROP INDEX `identities_user_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `identities_user_provider_idx` ON `identities` (`user_id`,`provider`);--> statement-breakpoint
CREATE INDEX `actions_actor_idx` ON `moderation_actions` (`site_id`,`actor_id`);--> statement-breakpoint
CREATE INDEX `reactions_user_idx` ON `reactions` (`user_id`);--> statement-breakpoint
CREATE INDEX `reports_user_idx` ON `reports` (`user_id`);