CREATE TABLE `chat_metrics` (
	`chat_id` integer PRIMARY KEY NOT NULL,
	`channel_id` integer NOT NULL,
	`team_id` integer,
	`assignee_id` integer,
	`opened_at` integer NOT NULL,
	`first_reply_at` integer,
	`first_reply_by_id` integer,
	`first_response_ms` integer,
	`pending_since` integer,
	`response_count` integer DEFAULT 0 NOT NULL,
	`response_total_ms` integer DEFAULT 0 NOT NULL,
	`messages_in` integer DEFAULT 0 NOT NULL,
	`messages_out` integer DEFAULT 0 NOT NULL,
	`transferred_in` integer DEFAULT 0 NOT NULL,
	`transferred_out` integer DEFAULT 0 NOT NULL,
	`closed_at` integer,
	`closed_by_id` integer,
	`close_reason_id` integer,
	`resolution_ms` integer,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `chat_metrics_opened_idx` ON `chat_metrics` (`opened_at`);--> statement-breakpoint
CREATE INDEX `chat_metrics_closed_idx` ON `chat_metrics` (`closed_at`) WHERE "chat_metrics"."closed_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `chat_metrics_assignee_opened_idx` ON `chat_metrics` (`assignee_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `response_waits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`agent_id` integer,
	`contact_at` integer NOT NULL,
	`reply_at` integer NOT NULL,
	`wait_ms` integer NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `response_waits_reply_idx` ON `response_waits` (`reply_at`);--> statement-breakpoint
CREATE INDEX `response_waits_chat_idx` ON `response_waits` (`chat_id`);--> statement-breakpoint
-- Hand-written below: triggers keep chat_metrics and response_waits in the writing transaction (see
-- db/schema.ts), and the rows start from the history already there. A reply is outbound, by a person, and
-- neither a note nor a system line; messages are taken in id order, the order the triggers see them (a
-- provider's timestamps may run out of order).
-- A message deleted by an administrator keeps its row (a tombstone), so what it counted stays counted.
-- The copy of a template a new chat opens with (payload.answeredTemplateMessageId) is history shown for
-- context: it was sent, and counted, in the chat it was sent from.
INSERT INTO `chat_metrics` (`chat_id`, `channel_id`, `assignee_id`, `opened_at`, `transferred_in`, `transferred_out`,
    `closed_at`, `closed_by_id`, `close_reason_id`, `resolution_ms`)
  SELECT c.id, c.channel_id, c.assignee_id, c.opened_at, c.transferred_from_id IS NOT NULL,
    c.close_reason_id IS NOT NULL AND c.close_reason_id IN (SELECT id FROM close_reasons WHERE system_key = 'transferred'),
    c.closed_at, c.closed_by_id, c.close_reason_id, CASE WHEN c.closed_at IS NULL THEN NULL ELSE c.closed_at - c.opened_at END
  FROM chats c;
--> statement-breakpoint
CREATE TEMP TABLE `metric_events` AS
  SELECT chat_id, id, created_at, author_id, is_reply,
    SUM(is_reply) OVER (PARTITION BY chat_id ORDER BY id ROWS UNBOUNDED PRECEDING) - is_reply AS answered
  FROM (SELECT chat_id, id, created_at, author_id,
          direction = 'out' AND author_kind = 'user' AND kind NOT IN ('note', 'system') AND json_extract(payload, '$.answeredTemplateMessageId') IS NULL AS is_reply,
          direction = 'in' AND author_kind = 'contact' AS is_in
        FROM messages)
  WHERE is_reply OR is_in;
--> statement-breakpoint
-- The backfill below looks events up by chat once per chat: without this index each lookup scans them all
-- (hours at a million messages; about 20 s with it). Added after release: installs that already ran 0013
-- are not affected (drizzle applies a migration once, by its timestamp).
CREATE INDEX temp.`metric_events_chat_idx` ON `metric_events` (`chat_id`, `id`);
--> statement-breakpoint
INSERT INTO `response_waits` (`chat_id`, `agent_id`, `contact_at`, `reply_at`, `wait_ms`)
  SELECT r.chat_id, r.author_id, f.created_at, r.created_at, max(0, r.created_at - f.created_at)
  FROM metric_events r
  JOIN (SELECT chat_id, answered, min(id) AS first_id FROM metric_events WHERE NOT is_reply GROUP BY chat_id, answered) w
    ON w.chat_id = r.chat_id AND w.answered = r.answered
  JOIN metric_events f ON f.id = w.first_id
  WHERE r.is_reply
  ORDER BY r.id;
--> statement-breakpoint
UPDATE `chat_metrics` SET
  messages_in = (SELECT count(*) FROM messages m WHERE m.chat_id = chat_metrics.chat_id AND m.direction = 'in' AND m.author_kind = 'contact'),
  messages_out = (SELECT count(*) FROM messages m WHERE m.chat_id = chat_metrics.chat_id AND m.direction = 'out' AND m.kind NOT IN ('note', 'system')
    AND json_extract(m.payload, '$.answeredTemplateMessageId') IS NULL),
  first_reply_at = (SELECT created_at FROM metric_events e WHERE e.chat_id = chat_metrics.chat_id AND e.is_reply ORDER BY e.id LIMIT 1),
  first_reply_by_id = (SELECT author_id FROM metric_events e WHERE e.chat_id = chat_metrics.chat_id AND e.is_reply ORDER BY e.id LIMIT 1),
  response_count = (SELECT count(*) FROM response_waits w WHERE w.chat_id = chat_metrics.chat_id),
  response_total_ms = (SELECT coalesce(sum(wait_ms), 0) FROM response_waits w WHERE w.chat_id = chat_metrics.chat_id),
  pending_since = (SELECT created_at FROM metric_events e WHERE e.chat_id = chat_metrics.chat_id AND NOT e.is_reply
    AND e.answered = (SELECT count(*) FROM metric_events r WHERE r.chat_id = chat_metrics.chat_id AND r.is_reply) ORDER BY e.id LIMIT 1);
--> statement-breakpoint
UPDATE `chat_metrics` SET first_response_ms = max(0, first_reply_at - opened_at) WHERE first_reply_at IS NOT NULL;
--> statement-breakpoint
DROP TABLE `metric_events`;
--> statement-breakpoint
CREATE TRIGGER `chat_metrics_chats_ai` AFTER INSERT ON `chats` BEGIN
  INSERT INTO chat_metrics (chat_id, channel_id, assignee_id, opened_at, pending_since, transferred_in, closed_at, closed_by_id, close_reason_id, resolution_ms)
    VALUES (new.id, new.channel_id, new.assignee_id, new.opened_at,
      (SELECT pending_since FROM chat_metrics WHERE chat_id = new.transferred_from_id),
      new.transferred_from_id IS NOT NULL, new.closed_at, new.closed_by_id, new.close_reason_id,
      CASE WHEN new.closed_at IS NULL THEN NULL ELSE new.closed_at - new.opened_at END);
END;
--> statement-breakpoint
CREATE TRIGGER `chat_metrics_chats_au` AFTER UPDATE OF assignee_id, closed_at, closed_by_id, close_reason_id, channel_id ON `chats`
WHEN old.assignee_id IS NOT new.assignee_id OR old.closed_at IS NOT new.closed_at OR old.closed_by_id IS NOT new.closed_by_id
  OR old.close_reason_id IS NOT new.close_reason_id OR old.channel_id IS NOT new.channel_id BEGIN
  UPDATE chat_metrics SET assignee_id = new.assignee_id, channel_id = new.channel_id, closed_at = new.closed_at,
    closed_by_id = new.closed_by_id, close_reason_id = new.close_reason_id,
    transferred_out = new.close_reason_id IS NOT NULL AND new.close_reason_id IN (SELECT id FROM close_reasons WHERE system_key = 'transferred'),
    resolution_ms = CASE WHEN new.closed_at IS NULL THEN NULL ELSE new.closed_at - opened_at END
  WHERE chat_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `chat_metrics_contact_message` AFTER INSERT ON `messages`
WHEN new.direction = 'in' AND new.author_kind = 'contact' BEGIN
  UPDATE chat_metrics SET messages_in = messages_in + 1, pending_since = coalesce(pending_since, new.created_at)
  WHERE chat_id = new.chat_id;
END;
--> statement-breakpoint
CREATE TRIGGER `chat_metrics_outbound_message` AFTER INSERT ON `messages`
WHEN new.direction = 'out' AND new.kind NOT IN ('note', 'system') AND new.author_kind <> 'user'
  AND json_extract(new.payload, '$.answeredTemplateMessageId') IS NULL BEGIN
  UPDATE chat_metrics SET messages_out = messages_out + 1 WHERE chat_id = new.chat_id;
END;
--> statement-breakpoint
CREATE TRIGGER `chat_metrics_reply` AFTER INSERT ON `messages`
WHEN new.direction = 'out' AND new.kind NOT IN ('note', 'system') AND new.author_kind = 'user'
  AND json_extract(new.payload, '$.answeredTemplateMessageId') IS NULL BEGIN
  INSERT INTO response_waits (chat_id, agent_id, contact_at, reply_at, wait_ms)
    SELECT new.chat_id, new.author_id, pending_since, new.created_at, max(0, new.created_at - pending_since)
    FROM chat_metrics WHERE chat_id = new.chat_id AND pending_since IS NOT NULL;
  UPDATE chat_metrics SET messages_out = messages_out + 1,
    first_reply_at = coalesce(first_reply_at, new.created_at),
    first_reply_by_id = CASE WHEN first_reply_at IS NULL THEN new.author_id ELSE first_reply_by_id END,
    first_response_ms = coalesce(first_response_ms, max(0, new.created_at - opened_at)),
    response_count = response_count + (pending_since IS NOT NULL),
    response_total_ms = response_total_ms + coalesce(max(0, new.created_at - pending_since), 0),
    pending_since = NULL
  WHERE chat_id = new.chat_id;
END;
