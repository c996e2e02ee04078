import type { Statement } from "better-sqlite3";
import type { Db } from "@/db/client";

// A savepoint inside the caller's transaction, with its three statements prepared once per connection:
// drizzle's nested transaction prepares them again on every call, and filing runs one per delivery.

const prepared = new WeakMap<Db["$client"], { begin: Statement; release: Statement; rollback: Statement }>();

/** Runs `fn`; if it throws, everything it wrote is undone (and the error rethrown), the rest of the transaction stays. */
export function inSavepoint<T>(db: Db, fn: () => T): T {
  let s = prepared.get(db.$client);
  if (!s) {
    const p = (sql: string) => db.$client.prepare(sql);
    prepared.set(db.$client, (s = { begin: p("SAVEPOINT charla_unit"), release: p("RELEASE charla_unit"), rollback: p("ROLLBACK TO charla_unit") }));
  }
  s.begin.run();
  try {
    const result = fn();
    s.release.run();
    return result;
  } catch (err) {
    s.rollback.run();
    s.release.run();
    throw err;
  }
}
