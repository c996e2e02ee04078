-- Full-text search over message text and contacts. remove_diacritics folds accents, so "sabado" finds
-- "sábado" and "acao" finds "ação": agents type fast and without accents.
CREATE VIRTUAL TABLE `messages_fts` USING fts5(body, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `messages_fts_ai` AFTER INSERT ON `messages` WHEN new.body IS NOT NULL AND new.kind <> 'system' BEGIN
  INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_ad` AFTER DELETE ON `messages` WHEN old.body IS NOT NULL AND old.kind <> 'system' BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_au` AFTER UPDATE OF body ON `messages` BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) SELECT 'delete', old.id, old.body WHERE old.body IS NOT NULL AND old.kind <> 'system';
  INSERT INTO messages_fts(rowid, body) SELECT new.id, new.body WHERE new.body IS NOT NULL AND new.kind <> 'system';
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `contacts_fts` USING fts5(name, phone, handle, email, content='contacts', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `contacts_fts_ai` AFTER INSERT ON `contacts` BEGIN
  INSERT INTO contacts_fts(rowid, name, phone, handle, email) VALUES (new.id, new.name, new.phone, new.handle, new.email);
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_fts_ad` AFTER DELETE ON `contacts` BEGIN
  INSERT INTO contacts_fts(contacts_fts, rowid, name, phone, handle, email) VALUES ('delete', old.id, old.name, old.phone, old.handle, old.email);
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_fts_au` AFTER UPDATE OF name, phone, handle, email ON `contacts` BEGIN
  INSERT INTO contacts_fts(contacts_fts, rowid, name, phone, handle, email) VALUES ('delete', old.id, old.name, old.phone, old.handle, old.email);
  INSERT INTO contacts_fts(rowid, name, phone, handle, email) VALUES (new.id, new.name, new.phone, new.handle, new.email);
END;
