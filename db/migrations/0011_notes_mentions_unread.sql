CREATE TABLE `mentions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` integer NOT NULL,
	`chat_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`seen_at` integer,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mentions_message_user_unique` ON `mentions` (`message_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `mentions_user_idx` ON `mentions` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `mentions_unseen_idx` ON `mentions` (`user_id`,`chat_id`) WHERE "mentions"."seen_at" IS NULL;--> statement-breakpoint
CREATE INDEX `mentions_chat_idx` ON `mentions` (`chat_id`);--> statement-breakpoint
ALTER TABLE `chats` ADD `unread_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `contacts` ADD `notes` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `name_locked` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-written below. The list shows a chat's unread count (bold while the assignee has not opened it since
-- the contact wrote): the change sequence records it like the other columns a row shows (see 0008).
DROP TRIGGER IF EXISTS `changes_chats_au`;
--> statement-breakpoint
CREATE TRIGGER `changes_chats_au` AFTER UPDATE ON `chats`
WHEN old.status IS NOT new.status OR old.assignee_id IS NOT new.assignee_id OR old.awaiting_reply IS NOT new.awaiting_reply
  OR old.waiting_since IS NOT new.waiting_since OR old.sort_at IS NOT new.sort_at OR old.remind_at IS NOT new.remind_at
  OR old.remind_note IS NOT new.remind_note OR old.reminder_due IS NOT new.reminder_due OR old.close_reason_id IS NOT new.close_reason_id
  OR old.last_message_at IS NOT new.last_message_at OR old.last_message_preview IS NOT new.last_message_preview
  OR old.last_inbound_at IS NOT new.last_inbound_at OR old.contact_id IS NOT new.contact_id
  OR old.unread_count IS NOT new.unread_count BEGIN
  INSERT INTO changes (kind, chat_id, o_status, o_assignee, o_awaiting, n_status, n_assignee, n_awaiting, header, at)
    VALUES ('chat', new.id, old.status, old.assignee_id, old.awaiting_reply, new.status, new.assignee_id, new.awaiting_reply,
      old.status IS NOT new.status OR old.assignee_id IS NOT new.assignee_id OR old.remind_at IS NOT new.remind_at
        OR old.remind_note IS NOT new.remind_note OR old.reminder_due IS NOT new.reminder_due
        OR old.close_reason_id IS NOT new.close_reason_id OR old.contact_id IS NOT new.contact_id,
      CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
-- A mention marks the chat's row for the person named (and the mark goes when they open the chat): the row
-- changes for them, though nothing in the chat itself did.
CREATE TRIGGER `changes_mentions_ai` AFTER INSERT ON `mentions` BEGIN
  INSERT INTO changes (kind, chat_id, o_status, o_assignee, o_awaiting, n_status, n_assignee, n_awaiting, header, at)
    SELECT 'chat', c.id, c.status, c.assignee_id, c.awaiting_reply, c.status, c.assignee_id, c.awaiting_reply, 0, CAST(unixepoch('subsec') * 1000 AS INTEGER)
    FROM chats c WHERE c.id = new.chat_id;
END;
--> statement-breakpoint
CREATE TRIGGER `changes_mentions_au` AFTER UPDATE OF seen_at ON `mentions` WHEN old.seen_at IS NOT new.seen_at BEGIN
  INSERT INTO changes (kind, chat_id, o_status, o_assignee, o_awaiting, n_status, n_assignee, n_awaiting, header, at)
    SELECT 'chat', c.id, c.status, c.assignee_id, c.awaiting_reply, c.status, c.assignee_id, c.awaiting_reply, 0, CAST(unixepoch('subsec') * 1000 AS INTEGER)
    FROM chats c WHERE c.id = new.chat_id;
END;
