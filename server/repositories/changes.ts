import type Database from "better-sqlite3";
import type { Db, DbOrTx } from "@/db/client";
import type { ChangeRecord, ListKeys } from "@/server/domain/live-view";
import { statement } from "./row-writes";

// The change sequence (db/schema.ts, changes) is read on the live-update path of every open inbox, so its
// statements are prepared once per connection.

const statements = new WeakMap<Database.Database, { after: Database.Statement; latest: Database.Statement }>();

function prepared(db: Db) {
  const client = db.$client;
  let s = statements.get(client);
  if (!s) {
    s = {
      after: client.prepare(
        `SELECT seq, kind, chat_id AS chatId, message_id AS messageId, o_status AS oStatus, o_assignee AS oAssignee,
                o_awaiting AS oAwaiting, n_status AS nStatus, n_assignee AS nAssignee, n_awaiting AS nAwaiting, header
         FROM changes WHERE seq > ? ORDER BY seq LIMIT ?`,
      ),
      latest: client.prepare("SELECT coalesce(max(seq), 0) FROM changes").pluck(),
    };
    statements.set(client, s);
  }
  return s;
}

interface RawChange {
  seq: number;
  kind: ChangeRecord["kind"];
  chatId: number | null;
  messageId: number | null;
  oStatus: string | null;
  oAssignee: number | null;
  oAwaiting: number | null;
  nStatus: string | null;
  nAssignee: number | null;
  nAwaiting: number | null;
  header: number;
}

function keys(status: string | null, assigneeId: number | null, awaiting: number | null): ListKeys | null {
  return status === null ? null : { status, assigneeId, awaiting: awaiting === 1 };
}

/** Up to `limit` changes after `seq`, oldest first. */
export function changesAfter(db: Db, seq: number, limit: number): ChangeRecord[] {
  return (prepared(db).after.all(seq, limit) as RawChange[]).map((r) => ({
    seq: r.seq,
    kind: r.kind,
    chatId: r.chatId,
    messageId: r.messageId,
    before: keys(r.oStatus, r.oAssignee, r.oAwaiting),
    after: keys(r.nStatus, r.nAssignee, r.nAwaiting),
    header: r.header === 1,
  }));
}

export function latestChangeSeq(db: Db): number {
  return prepared(db).latest.get() as number;
}

/**
 * Forgets changes recorded before `before` (unix ms), always keeping the newest so the sequence never
 * appears to go back; a browser that slept longer than the retention resyncs.
 */
export function pruneChanges(db: Db, before: number): number {
  return db.$client
    .prepare(
      `DELETE FROM changes WHERE seq < coalesce(
         (SELECT seq FROM changes WHERE at >= @before ORDER BY seq LIMIT 1),
         (SELECT max(seq) FROM changes))`,
    )
    .run({ before }).changes;
}

/** What routing's kept loads need from the change sequence: each chat's old and new status and assignee. */
export interface ChangeRow {
  seq: number;
  kind: ChangeRecord["kind"];
  oStatus: string | null;
  oAssignee: number | null;
  nStatus: string | null;
  nAssignee: number | null;
}

/** Every change after `seq`, inside the caller's transaction (filing's). */
export function changedSince(db: DbOrTx, seq: number): ChangeRow[] {
  return statement(db, "changes.since", () =>
    "SELECT seq, kind, o_status AS oStatus, o_assignee AS oAssignee, n_status AS nStatus, n_assignee AS nAssignee FROM changes WHERE seq > ? ORDER BY seq",
  ).all(seq) as ChangeRow[];
}

export function lastChangeSeq(db: DbOrTx): number {
  return statement(db, "changes.last", () => "SELECT coalesce(max(seq), 0) FROM changes").pluck().get() as number;
}
