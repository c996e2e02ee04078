CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` integer NOT NULL,
	`provider_media_id` text,
	`sha256` text,
	`mime_type` text,
	`size` integer,
	`file_name` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attachments_message_idx` ON `attachments` (`message_id`);--> statement-breakpoint
CREATE INDEX `attachments_pending_idx` ON `attachments` (`id`) WHERE "attachments"."status" = 'pending';--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`at` integer NOT NULL,
	`details` text,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `channels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`external_id` text,
	`config` text DEFAULT '{}' NOT NULL,
	`secrets` text DEFAULT '{}' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channels_type_external_unique` ON `channels` (`type`,`external_id`) WHERE "channels"."external_id" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `chats` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`channel_id` integer NOT NULL,
	`assignee_id` integer,
	`status` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	`close_reason_id` integer,
	`closed_by_id` integer,
	`remind_at` integer,
	`remind_note` text,
	`reminder_due` integer DEFAULT false NOT NULL,
	`last_inbound_at` integer,
	`last_outbound_at` integer,
	`last_message_at` integer,
	`last_message_preview` text,
	`awaiting_reply` integer DEFAULT false NOT NULL,
	`waiting_since` integer,
	`sort_at` integer NOT NULL,
	`transferred_from_id` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`close_reason_id`) REFERENCES `close_reasons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transferred_from_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chats_one_active_per_contact` ON `chats` (`contact_id`) WHERE "chats"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX `chats_status_sort_idx` ON `chats` (`status`,`sort_at`,`id`);--> statement-breakpoint
CREATE INDEX `chats_assignee_status_sort_idx` ON `chats` (`assignee_id`,`status`,`sort_at`,`id`);--> statement-breakpoint
CREATE INDEX `chats_pending_sort_idx` ON `chats` (`status`,`sort_at`,`id`) WHERE "chats"."awaiting_reply" = 1;--> statement-breakpoint
CREATE INDEX `chats_assignee_pending_sort_idx` ON `chats` (`assignee_id`,`status`,`sort_at`,`id`) WHERE "chats"."awaiting_reply" = 1;--> statement-breakpoint
CREATE INDEX `chats_contact_idx` ON `chats` (`contact_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `chats_remind_idx` ON `chats` (`remind_at`) WHERE "chats"."status" = 'scheduled';--> statement-breakpoint
CREATE INDEX `chats_activity_idx` ON `chats` (`last_message_at`) WHERE "chats"."status" <> 'closed';--> statement-breakpoint
CREATE TABLE `close_reasons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`label` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`system_key` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `close_reasons_system_key_unique` ON `close_reasons` (`system_key`);--> statement-breakpoint
CREATE TABLE `contact_identities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`channel_id` integer NOT NULL,
	`external_id` text NOT NULL,
	`phone` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_identities_channel_external_unique` ON `contact_identities` (`channel_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `contact_identities_contact_idx` ON `contact_identities` (`contact_id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`handle` text,
	`email` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`channel_id` integer NOT NULL,
	`direction` text NOT NULL,
	`author_kind` text NOT NULL,
	`author_id` integer,
	`kind` text NOT NULL,
	`body` text,
	`payload` text,
	`provider_message_id` text,
	`reply_to_provider_id` text,
	`status` text,
	`status_reason` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`deleted_by_id` integer,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deleted_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `messages_chat_idx` ON `messages` (`chat_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_provider_id_unique` ON `messages` (`channel_id`,`provider_message_id`) WHERE "messages"."provider_message_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `messages_outbox_idx` ON `messages` (`next_attempt_at`) WHERE "messages"."status" = 'queued' AND "messages"."direction" = 'out';--> statement-breakpoint
CREATE TABLE `quick_replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shortcut` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quick_replies_shortcut_unique` ON `quick_replies` (`shortcut`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`name` text NOT NULL,
	`language` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `templates_channel_name_lang_unique` ON `templates` (`channel_id`,`name`,`language`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`locale` text,
	`time_zone` text DEFAULT 'UTC' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` ("email" COLLATE NOCASE);