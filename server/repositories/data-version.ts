import type { Statement } from "better-sqlite3";
import type { Db } from "@/db/client";

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
