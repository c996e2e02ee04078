ALTER TABLE `close_reasons` ADD `builtin_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `close_reasons_builtin_key_unique` ON `close_reasons` (`builtin_key`);--> statement-breakpoint
-- Installs from before this migration got these three reasons in English at their first start: mark them so
-- each reader sees them in their language. A reason renamed since keeps its own name (its label no longer matches).
UPDATE `close_reasons` SET `builtin_key` = 'resolved' WHERE `id` = (SELECT min(`id`) FROM `close_reasons` WHERE `label` = 'Resolved' AND `system_key` IS NULL);--> statement-breakpoint
UPDATE `close_reasons` SET `builtin_key` = 'no_reply' WHERE `id` = (SELECT min(`id`) FROM `close_reasons` WHERE `label` = 'No reply from contact' AND `system_key` IS NULL);--> statement-breakpoint
UPDATE `close_reasons` SET `builtin_key` = 'spam' WHERE `id` = (SELECT min(`id`) FROM `close_reasons` WHERE `label` = 'Spam' AND `system_key` IS NULL);
