ALTER TABLE `chat_metrics` ADD `handoff_at` integer;--> statement-breakpoint
-- Hand-written: first response counts from the bot's hand-off (issue 15: "counted from the opening or from the
-- bot's hand-off"), and the contact's wait restarts there, since the bot answered them until then. A person
-- taking over mid-flow is no hand-off: their reply counts from the opening, bot messages never being replies.
CREATE TRIGGER `chat_metrics_bot_handoff` AFTER UPDATE OF status ON `bot_sessions`
WHEN old.status = 'active' AND new.status = 'handed_off' BEGIN
  UPDATE chat_metrics SET handoff_at = coalesce(new.ended_at, new.last_activity_at),
    pending_since = CASE WHEN pending_since IS NULL THEN NULL ELSE max(pending_since, coalesce(new.ended_at, new.last_activity_at)) END
  WHERE chat_id = new.chat_id AND first_reply_at IS NULL;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `chat_metrics_reply`;
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
    first_response_ms = coalesce(first_response_ms, max(0, new.created_at - coalesce(handoff_at, opened_at))),
    response_count = response_count + (pending_since IS NOT NULL),
    response_total_ms = response_total_ms + coalesce(max(0, new.created_at - pending_since), 0),
    pending_since = NULL
  WHERE chat_id = new.chat_id;
END;
