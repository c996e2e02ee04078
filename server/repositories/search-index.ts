import type { DbOrTx as Db } from "@/db/client";
import { statement } from "./row-writes";

// New messages and contacts enter the full-text index (messages_fts, contacts_fts: migration 0002) here,
// written by the code that inserts them rather than by AFTER INSERT triggers (dropped in 0006). A statement
// that fires a trigger writing an FTS5 table opens a statement savepoint, and FTS5 flushes its pending terms
// into a new segment at every savepoint: inside a batch of webhook deliveries that was one segment per
// message, most of the cost of filing. A plain INSERT into the FTS table does not, so a batch's terms are
// written once, at commit. Edits and deletions (rare) keep their triggers.

export function indexMessage(db: Db, id: number, kind: string, body: string | null | undefined): void {
  if (body === null || body === undefined || kind === "system") return;
  statement(db, "fts.message", () => "INSERT INTO messages_fts(rowid, body) VALUES (?, ?)").run(id, body);
}

export function indexContact(db: Db, row: { id: number; name: string; phone?: string | null; handle?: string | null; email?: string | null }): void {
  statement(db, "fts.contact", () => "INSERT INTO contacts_fts(rowid, name, phone, handle, email) VALUES (?, ?, ?, ?, ?)").run(
    row.id,
    row.name,
    row.phone ?? null,
    row.handle ?? null,
    row.email ?? null,
  );
}
