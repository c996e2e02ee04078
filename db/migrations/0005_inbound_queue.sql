CREATE TABLE `inbound_queue` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`events` text NOT NULL,
	`received_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
