ALTER TABLE `users` ADD `time_zone_set_at` integer;--> statement-breakpoint
CREATE INDEX `audit_log_actor_at_idx` ON `audit_log` (`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_at_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
-- Users who already chose a zone (saved their profile, or hold a zone other than the default) keep it: the
-- browser's zone is adopted at sign-in only by those who never chose.
UPDATE `users` SET `time_zone_set_at` = COALESCE(
  (SELECT max(`at`) FROM `audit_log` WHERE `action` = 'user.profile' AND `target_id` = CAST(`users`.`id` AS TEXT)),
  CASE WHEN `time_zone` <> 'UTC' THEN `created_at` END
);
