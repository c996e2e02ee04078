CREATE TABLE `csat_settings` (
	`channel_id` integer PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`interval_days` integer DEFAULT 30 NOT NULL,
	`template_name` text,
	`language` text DEFAULT 'es' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `csat_surveys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`channel_id` integer NOT NULL,
	`agent_id` integer,
	`via` text NOT NULL,
	`asked_at` integer NOT NULL,
	`rating` integer,
	`rated_at` integer,
	`comment` text,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `csat_surveys_chat_id_unique` ON `csat_surveys` (`chat_id`);--> statement-breakpoint
CREATE INDEX `csat_surveys_contact_asked_idx` ON `csat_surveys` (`contact_id`,`asked_at`);--> statement-breakpoint
ALTER TABLE `chat_metrics` ADD `csat_rating` integer;