-- New messages and contacts are indexed by the code that inserts them (server/repositories/search-index.ts):
-- a trigger writing an FTS5 table makes every insert flush the index's pending terms into a new segment.
-- Edits and deletions keep their triggers (messages_fts_au/_ad, contacts_fts_au/_ad).
DROP TRIGGER IF EXISTS `messages_fts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `contacts_fts_ai`;
