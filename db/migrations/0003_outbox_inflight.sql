ALTER TABLE `attachments` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `attachments` ADD `next_attempt_at` integer;--> statement-breakpoint
ALTER TABLE `attachments` ADD `failure_reason` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `sending_since` integer;