CREATE TABLE `bot_channel_flows` (
	`channel_id` integer PRIMARY KEY NOT NULL,
	`flow_id` integer NOT NULL,
	`returning_after_hours` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`flow_id`) REFERENCES `bot_flows`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `bot_flow_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`flow_id` integer NOT NULL,
	`version` integer NOT NULL,
	`definition` text NOT NULL,
	`published_at` integer NOT NULL,
	`published_by_id` integer,
	FOREIGN KEY (`flow_id`) REFERENCES `bot_flows`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`published_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bot_flow_versions_flow_version` ON `bot_flow_versions` (`flow_id`,`version`);--> statement-breakpoint
CREATE TABLE `bot_flows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`draft` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `bot_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`flow_version_id` integer NOT NULL,
	`status` text NOT NULL,
	`step_id` text,
	`retries` integer DEFAULT 0 NOT NULL,
	`answers` text NOT NULL,
	`started_at` integer NOT NULL,
	`last_activity_at` integer NOT NULL,
	`timeout_at` integer,
	`ended_at` integer,
	`end_reason` text,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`flow_version_id`) REFERENCES `bot_flow_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bot_sessions_chat_id_unique` ON `bot_sessions` (`chat_id`);--> statement-breakpoint
CREATE INDEX `bot_sessions_timeout_idx` ON `bot_sessions` (`timeout_at`) WHERE "bot_sessions"."status" = 'active';--> statement-breakpoint
CREATE TABLE `contact_fields` (
	`contact_id` integer NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`contact_id`, `key`),
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Hand-written below: a person taking a chat stops its bot at once, whichever code path does it (assigning,
-- assign to me, a transfer, routing's distribution, an agent's reply; not a private note, and not an
-- Instagram echo of the bot's own message, which has no author), and a closed chat ends its session.
CREATE TRIGGER `bot_sessions_stop_on_assign` AFTER UPDATE OF assignee_id ON `chats`
WHEN new.assignee_id IS NOT NULL AND old.assignee_id IS NOT new.assignee_id BEGIN
  UPDATE bot_sessions SET status = 'stopped', end_reason = 'taken_over', ended_at = new.updated_at, timeout_at = NULL
    WHERE chat_id = new.id AND status = 'active';
END;
--> statement-breakpoint
CREATE TRIGGER `bot_sessions_stop_on_reply` AFTER INSERT ON `messages`
WHEN new.direction = 'out' AND new.author_kind = 'user' AND new.author_id IS NOT NULL AND new.kind <> 'note' BEGIN
  UPDATE bot_sessions SET status = 'stopped', end_reason = 'taken_over', ended_at = new.created_at, timeout_at = NULL
    WHERE chat_id = new.chat_id AND status = 'active';
END;
--> statement-breakpoint
CREATE TRIGGER `bot_sessions_end_on_close` AFTER UPDATE OF status ON `chats`
WHEN new.status = 'closed' AND old.status <> 'closed' BEGIN
  UPDATE bot_sessions SET status = 'closed', end_reason = coalesce(end_reason, 'chat_closed'), ended_at = coalesce(ended_at, new.updated_at), timeout_at = NULL
    WHERE chat_id = new.id AND status = 'active';
END;
