CREATE TABLE `changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`chat_id` integer,
	`message_id` integer,
	`o_status` text,
	`o_assignee` integer,
	`o_awaiting` integer,
	`n_status` text,
	`n_assignee` integer,
	`n_awaiting` integer,
	`header` integer DEFAULT 0 NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
-- Hand-written below: the triggers that append to the change sequence in the writing transaction
-- (see db/schema.ts, changes). A chat row is written only when a column some viewer sees differs.
CREATE TRIGGER `changes_chats_ai` AFTER INSERT ON `chats` BEGIN
  INSERT INTO changes (kind, chat_id, n_status, n_assignee, n_awaiting, header, at)
    VALUES ('chat', new.id, new.status, new.assignee_id, new.awaiting_reply, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `changes_chats_au` AFTER UPDATE ON `chats`
WHEN old.status IS NOT new.status OR old.assignee_id IS NOT new.assignee_id OR old.awaiting_reply IS NOT new.awaiting_reply
  OR old.waiting_since IS NOT new.waiting_since OR old.sort_at IS NOT new.sort_at OR old.remind_at IS NOT new.remind_at
  OR old.remind_note IS NOT new.remind_note OR old.reminder_due IS NOT new.reminder_due OR old.close_reason_id IS NOT new.close_reason_id
  OR old.last_message_at IS NOT new.last_message_at OR old.last_message_preview IS NOT new.last_message_preview
  OR old.last_inbound_at IS NOT new.last_inbound_at OR old.contact_id IS NOT new.contact_id BEGIN
  INSERT INTO changes (kind, chat_id, o_status, o_assignee, o_awaiting, n_status, n_assignee, n_awaiting, header, at)
    VALUES ('chat', new.id, old.status, old.assignee_id, old.awaiting_reply, new.status, new.assignee_id, new.awaiting_reply,
      old.status IS NOT new.status OR old.assignee_id IS NOT new.assignee_id OR old.remind_at IS NOT new.remind_at
        OR old.remind_note IS NOT new.remind_note OR old.reminder_due IS NOT new.reminder_due
        OR old.close_reason_id IS NOT new.close_reason_id OR old.contact_id IS NOT new.contact_id,
      CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `changes_chats_ad` AFTER DELETE ON `chats` BEGIN
  INSERT INTO changes (kind, chat_id, o_status, o_assignee, o_awaiting, header, at)
    VALUES ('chat', old.id, old.status, old.assignee_id, old.awaiting_reply, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `changes_messages_ai` AFTER INSERT ON `messages` BEGIN
  INSERT INTO changes (kind, chat_id, message_id, at) VALUES ('message', new.chat_id, new.id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `changes_messages_au` AFTER UPDATE ON `messages`
WHEN old.status IS NOT new.status OR old.status_reason IS NOT new.status_reason OR old.body IS NOT new.body
  OR old.payload IS NOT new.payload OR old.deleted_at IS NOT new.deleted_at BEGIN
  INSERT INTO changes (kind, chat_id, message_id, at) VALUES ('message', new.chat_id, new.id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
-- A message row removed on its own (Instagram's echo of our send, dropped when the send is recorded) cannot
-- be sent as data: the open chat re-renders. One removed with its chat or contact is told by the chat's row.
CREATE TRIGGER `changes_messages_ad` AFTER DELETE ON `messages` BEGIN
  INSERT INTO changes (kind, chat_id, o_status, o_assignee, o_awaiting, n_status, n_assignee, n_awaiting, header, at)
    SELECT 'chat', c.id, c.status, c.assignee_id, c.awaiting_reply, c.status, c.assignee_id, c.awaiting_reply, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER)
    FROM chats c WHERE c.id = old.chat_id AND EXISTS (SELECT 1 FROM contacts WHERE id = old.contact_id);
END;
--> statement-breakpoint
CREATE TRIGGER `changes_attachments_au` AFTER UPDATE OF status ON `attachments` WHEN old.status IS NOT new.status BEGIN
  INSERT INTO changes (kind, chat_id, message_id, at)
    SELECT 'message', m.chat_id, m.id, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM messages m WHERE m.id = new.message_id;
END;
--> statement-breakpoint
CREATE TRIGGER `changes_contacts_au` AFTER UPDATE ON `contacts`
WHEN old.name IS NOT new.name OR old.phone IS NOT new.phone OR old.handle IS NOT new.handle BEGIN
  INSERT INTO changes (kind, chat_id, o_status, o_assignee, o_awaiting, n_status, n_assignee, n_awaiting, header, at)
    SELECT 'chat', c.id, c.status, c.assignee_id, c.awaiting_reply, c.status, c.assignee_id, c.awaiting_reply, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER)
    FROM chats c WHERE c.contact_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `changes_users_ai` AFTER INSERT ON `users` BEGIN
  INSERT INTO changes (kind, at) VALUES ('structure', CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `changes_users_au` AFTER UPDATE ON `users`
WHEN old.name IS NOT new.name OR old.role IS NOT new.role OR old.active IS NOT new.active
  OR old.locale IS NOT new.locale OR old.time_zone IS NOT new.time_zone BEGIN
  INSERT INTO changes (kind, at) VALUES ('structure', CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `changes_settings_ai` AFTER INSERT ON `settings` BEGIN
  INSERT INTO changes (kind, at) VALUES ('structure', CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `changes_settings_au` AFTER UPDATE ON `settings` WHEN old.value IS NOT new.value BEGIN
  INSERT INTO changes (kind, at) VALUES ('structure', CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
-- Closed chats show their reason's label, in the list and in the pane.
CREATE TRIGGER `changes_close_reasons_au` AFTER UPDATE ON `close_reasons` WHEN old.label IS NOT new.label BEGIN
  INSERT INTO changes (kind, at) VALUES ('structure', CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
