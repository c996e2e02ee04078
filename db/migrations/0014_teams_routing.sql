CREATE TABLE `chat_offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`offered_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`outcome` text DEFAULT 'pending' NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_offers_one_pending` ON `chat_offers` (`chat_id`) WHERE "chat_offers"."outcome" = 'pending';--> statement-breakpoint
CREATE INDEX `chat_offers_expiry_idx` ON `chat_offers` (`expires_at`) WHERE "chat_offers"."outcome" = 'pending';--> statement-breakpoint
CREATE INDEX `chat_offers_user_pending_idx` ON `chat_offers` (`user_id`) WHERE "chat_offers"."outcome" = 'pending';--> statement-breakpoint
CREATE INDEX `chat_offers_chat_idx` ON `chat_offers` (`chat_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`team_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`last_assigned_at` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `team_members_user_idx` ON `team_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`mode` text DEFAULT 'manual' NOT NULL,
	`capacity` integer DEFAULT 5 NOT NULL,
	`offer_seconds` integer DEFAULT 60 NOT NULL,
	`schedule` text,
	`away_message` text,
	`greeting` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_unique` ON `teams` ("name" COLLATE NOCASE);--> statement-breakpoint
CREATE UNIQUE INDEX `teams_one_default` ON `teams` (`is_default`) WHERE "teams"."is_default" = 1;--> statement-breakpoint
ALTER TABLE `channels` ADD `team_id` integer REFERENCES teams(id);--> statement-breakpoint
ALTER TABLE `chats` ADD `team_id` integer REFERENCES teams(id);--> statement-breakpoint
ALTER TABLE `chats` ADD `queued_at` integer;--> statement-breakpoint
ALTER TABLE `chats` ADD `away_sent_at` integer;--> statement-breakpoint
CREATE INDEX `chats_queue_idx` ON `chats` (`team_id`,`queued_at`,`id`) WHERE "chats"."assignee_id" IS NULL AND "chats"."status" = 'open';--> statement-breakpoint
ALTER TABLE `users` ADD `availability` text DEFAULT 'available' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `last_seen_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `capacity` integer;--> statement-breakpoint
-- Hand-written below. Existing installs get one default team holding everyone, in manual mode (today's
-- behaviour), and their active chats belong to it: nothing changes until an administrator acts.
INSERT INTO `teams` (`name`, `is_default`, `mode`, `capacity`, `offer_seconds`, `created_at`)
  VALUES ('General', 1, 'manual', 5, 60, CAST(unixepoch('subsec') * 1000 AS INTEGER));
--> statement-breakpoint
INSERT INTO `team_members` (`team_id`, `user_id`, `created_at`)
  SELECT t.id, u.id, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM users u, teams t WHERE t.is_default = 1;
--> statement-breakpoint
UPDATE `chats` SET `team_id` = (SELECT id FROM teams WHERE is_default = 1), `queued_at` = `opened_at` WHERE `status` <> 'closed';
--> statement-breakpoint
-- The list shows a chat's team: the change sequence records a team change like the other columns a row shows
-- (see 0008, 0011), and the chat's header too.
DROP TRIGGER IF EXISTS `changes_chats_au`;
--> statement-breakpoint
CREATE TRIGGER `changes_chats_au` AFTER UPDATE ON `chats`
WHEN old.status IS NOT new.status OR old.assignee_id IS NOT new.assignee_id OR old.awaiting_reply IS NOT new.awaiting_reply
  OR old.waiting_since IS NOT new.waiting_since OR old.sort_at IS NOT new.sort_at OR old.remind_at IS NOT new.remind_at
  OR old.remind_note IS NOT new.remind_note OR old.reminder_due IS NOT new.reminder_due OR old.close_reason_id IS NOT new.close_reason_id
  OR old.last_message_at IS NOT new.last_message_at OR old.last_message_preview IS NOT new.last_message_preview
  OR old.last_inbound_at IS NOT new.last_inbound_at OR old.contact_id IS NOT new.contact_id
  OR old.unread_count IS NOT new.unread_count OR old.team_id IS NOT new.team_id BEGIN
  INSERT INTO changes (kind, chat_id, o_status, o_assignee, o_awaiting, n_status, n_assignee, n_awaiting, header, at)
    VALUES ('chat', new.id, old.status, old.assignee_id, old.awaiting_reply, new.status, new.assignee_id, new.awaiting_reply,
      old.status IS NOT new.status OR old.assignee_id IS NOT new.assignee_id OR old.remind_at IS NOT new.remind_at
        OR old.remind_note IS NOT new.remind_note OR old.reminder_due IS NOT new.reminder_due
        OR old.close_reason_id IS NOT new.close_reason_id OR old.contact_id IS NOT new.contact_id OR old.team_id IS NOT new.team_id,
      CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
-- The reports read a chat's team from chat_metrics (0013): set with the row, kept when it moves.
DROP TRIGGER IF EXISTS `chat_metrics_chats_ai`;
--> statement-breakpoint
CREATE TRIGGER `chat_metrics_chats_ai` AFTER INSERT ON `chats` BEGIN
  INSERT INTO chat_metrics (chat_id, channel_id, team_id, assignee_id, opened_at, pending_since, transferred_in, closed_at, closed_by_id, close_reason_id, resolution_ms)
    VALUES (new.id, new.channel_id, new.team_id, new.assignee_id, new.opened_at,
      (SELECT pending_since FROM chat_metrics WHERE chat_id = new.transferred_from_id),
      new.transferred_from_id IS NOT NULL, new.closed_at, new.closed_by_id, new.close_reason_id,
      CASE WHEN new.closed_at IS NULL THEN NULL ELSE new.closed_at - new.opened_at END);
END;
--> statement-breakpoint
CREATE TRIGGER `chat_metrics_chats_team_au` AFTER UPDATE OF team_id ON `chats` WHEN old.team_id IS NOT new.team_id BEGIN
  UPDATE chat_metrics SET team_id = new.team_id WHERE chat_id = new.id;
END;
--> statement-breakpoint
-- A chat that gets an owner or closes ends its pending offer, whoever wrote it (an agent replying, assigning,
-- accepting; a transfer; a close): accepted when it went to the agent it was offered to, withdrawn otherwise.
CREATE TRIGGER `chat_offers_end_au` AFTER UPDATE OF assignee_id, status ON `chats`
WHEN (new.assignee_id IS NOT NULL AND old.assignee_id IS NOT new.assignee_id) OR (new.status = 'closed' AND old.status <> 'closed') BEGIN
  UPDATE chat_offers SET outcome = CASE WHEN user_id = new.assignee_id THEN 'accepted' ELSE 'withdrawn' END,
    ended_at = CAST(unixepoch('subsec') * 1000 AS INTEGER)
    WHERE chat_id = new.id AND outcome = 'pending';
END;
--> statement-breakpoint
-- "Offered to Ana (0:42 left)" is on the row and in the pane: an offer made or ended changes the chat for viewers.
CREATE TRIGGER `changes_chat_offers_ai` AFTER INSERT ON `chat_offers` BEGIN
  INSERT INTO changes (kind, chat_id, o_status, o_assignee, o_awaiting, n_status, n_assignee, n_awaiting, header, at)
    SELECT 'chat', c.id, c.status, c.assignee_id, c.awaiting_reply, c.status, c.assignee_id, c.awaiting_reply, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER)
    FROM chats c WHERE c.id = new.chat_id;
END;
--> statement-breakpoint
CREATE TRIGGER `changes_chat_offers_au` AFTER UPDATE OF outcome ON `chat_offers` WHEN old.outcome IS NOT new.outcome BEGIN
  INSERT INTO changes (kind, chat_id, o_status, o_assignee, o_awaiting, n_status, n_assignee, n_awaiting, header, at)
    SELECT 'chat', c.id, c.status, c.assignee_id, c.awaiting_reply, c.status, c.assignee_id, c.awaiting_reply, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER)
    FROM chats c WHERE c.id = new.chat_id;
END;
--> statement-breakpoint
-- Teams decide what each agent sees (their Unassigned), so changing one re-renders the inboxes.
CREATE TRIGGER `changes_teams_ai` AFTER INSERT ON `teams` BEGIN
  INSERT INTO changes (kind, at) VALUES ('structure', CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `changes_teams_au` AFTER UPDATE ON `teams`
WHEN old.name IS NOT new.name OR old.mode IS NOT new.mode OR old.schedule IS NOT new.schedule OR old.is_default IS NOT new.is_default BEGIN
  INSERT INTO changes (kind, at) VALUES ('structure', CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `changes_teams_ad` AFTER DELETE ON `teams` BEGIN
  INSERT INTO changes (kind, at) VALUES ('structure', CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `changes_team_members_ai` AFTER INSERT ON `team_members` BEGIN
  INSERT INTO changes (kind, at) VALUES ('structure', CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `changes_team_members_ad` AFTER DELETE ON `team_members` BEGIN
  INSERT INTO changes (kind, at) VALUES ('structure', CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `changes_channels_team_au` AFTER UPDATE OF team_id ON `channels` WHEN old.team_id IS NOT new.team_id BEGIN
  INSERT INTO changes (kind, at) VALUES ('structure', CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
-- A new person joins the default team, as everyone did at the migration: a fresh install behaves like today
-- until an administrator arranges teams.
CREATE TRIGGER `team_members_new_user_ai` AFTER INSERT ON `users` BEGIN
  INSERT INTO team_members (team_id, user_id, created_at) SELECT id, new.id, new.created_at FROM teams WHERE is_default = 1;
END;
