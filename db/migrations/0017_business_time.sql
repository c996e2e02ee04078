ALTER TABLE `chat_metrics` ADD `first_response_bms` integer;--> statement-breakpoint
ALTER TABLE `chat_metrics` ADD `resolution_bms` integer;--> statement-breakpoint
CREATE INDEX `chat_metrics_bms_todo_idx` ON `chat_metrics` (`chat_id`) WHERE ("chat_metrics"."first_response_ms" IS NOT NULL AND "chat_metrics"."first_response_bms" IS NULL) OR ("chat_metrics"."resolution_ms" IS NOT NULL AND "chat_metrics"."resolution_bms" IS NULL);--> statement-breakpoint
ALTER TABLE `response_waits` ADD `wait_bms` integer;--> statement-breakpoint
CREATE INDEX `response_waits_bms_todo_idx` ON `response_waits` (`id`) WHERE "response_waits"."wait_bms" IS NULL;--> statement-breakpoint
-- Until now no team had opening hours, so business time was wall-clock time: the history needs no recount.
UPDATE `chat_metrics` SET `first_response_bms` = `first_response_ms`, `resolution_bms` = `resolution_ms`;--> statement-breakpoint
UPDATE `response_waits` SET `wait_bms` = `wait_ms`;
