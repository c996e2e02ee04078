import type { Statement } from "better-sqlite3";
import type { Db, DbOrTx } from "@/db/client";

/**
 * Changes whenever anything is written to the database, by this connection (total_changes) or by any
 * other process (data_version). Costs two tiny statements and no table reads: the polling endpoint answers
 * "no change" from it.
 */
export function dataVersion(db: Db): string {
  const client = db.$client;
  let s = statements.get(client);
  // Prepared once per connection: this runs on every poll of every open inbox.
  if (!s) statements.set(client, (s = { external: client.prepare("PRAGMA data_version").pluck(), own: client.prepare("SELECT total_changes()").pluck() }));
  return `${s.external.get() as number}.${s.own.get() as number}`;
}

const statements = new WeakMap<Db["$client"], { external: Statement; own: Statement }>();

const snapshots = new WeakMap<Db["$client"], { version: string; values: Map<string, unknown> }>();

/**
 * `compute()` once per state of the database as this connection sees it (dataVersion), for aggregates that
 * every open inbox's poll reads and that are the same for everyone: under traffic each poll is answered
 * (the counters changed), a thousand a second, while the database changes a few dozen times a second.
 * Exact, not a time-based cache: any commit, from this connection or another, makes a new state. Callers
 * must not mutate what it returns. Inside a transaction (no $client) it computes every time.
 */
export function perDataVersion<T>(db: DbOrTx, key: string, compute: () => T): T {
  const client = (db as Partial<Db>).$client;
  if (!client) return compute();
  const version = dataVersion(db as Db);
  let snapshot = snapshots.get(client);
  if (!snapshot || snapshot.version !== version) snapshots.set(client, (snapshot = { version, values: new Map() }));
  if (snapshot.values.has(key)) return snapshot.values.get(key) as T;
  const value = compute();
  snapshot.values.set(key, value);
  return value;
}
