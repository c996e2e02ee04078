CREATE TABLE `pending_counts` (
	`assignee_key` integer PRIMARY KEY NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `chats_pending_open_idx`;--> statement-breakpoint
-- Hand-written below: the counters start from what is there and triggers keep them (see db/schema.ts).
-- A chat counts while it is open and awaiting our reply, under coalesce(assignee_id, 0).
INSERT INTO `pending_counts` (`assignee_key`, `n`)
  SELECT coalesce(`assignee_id`, 0), count(*) FROM `chats` WHERE `status` = 'open' AND `awaiting_reply` = 1 GROUP BY 1;
--> statement-breakpoint
CREATE TRIGGER `pending_counts_ai` AFTER INSERT ON `chats` WHEN new.status = 'open' AND new.awaiting_reply = 1 BEGIN
  INSERT INTO pending_counts (assignee_key, n) VALUES (coalesce(new.assignee_id, 0), 1)
    ON CONFLICT (assignee_key) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `pending_counts_ad` AFTER DELETE ON `chats` WHEN old.status = 'open' AND old.awaiting_reply = 1 BEGIN
  UPDATE pending_counts SET n = n - 1 WHERE assignee_key = coalesce(old.assignee_id, 0);
END;
--> statement-breakpoint
-- Only when the chat starts or stops counting, or moves between assignees while it counts.
CREATE TRIGGER `pending_counts_au` AFTER UPDATE OF status, awaiting_reply, assignee_id ON `chats`
WHEN (old.status = 'open' AND old.awaiting_reply = 1) IS NOT (new.status = 'open' AND new.awaiting_reply = 1)
  OR (old.status = 'open' AND old.awaiting_reply = 1 AND coalesce(old.assignee_id, 0) <> coalesce(new.assignee_id, 0)) BEGIN
  UPDATE pending_counts SET n = n - 1
    WHERE old.status = 'open' AND old.awaiting_reply = 1 AND assignee_key = coalesce(old.assignee_id, 0);
  INSERT INTO pending_counts (assignee_key, n)
    SELECT coalesce(new.assignee_id, 0), 1 WHERE new.status = 'open' AND new.awaiting_reply = 1
    ON CONFLICT (assignee_key) DO UPDATE SET n = n + 1;
END;
