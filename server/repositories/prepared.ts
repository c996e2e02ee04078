import type { DbOrTx } from "@/db/client";

// The lookups every webhook and every inbox page runs, as drizzle prepared queries built once per connection instead of rebuilt
// and re-prepared on each call (bench: building and preparing was most of ingestMessage's time). Drizzle's
// better-sqlite3 driver gives a transaction the same session object as its database, so a query prepared
// through either one runs on the same connection — inside the transaction when called from one.

const cache = new WeakMap<object, Map<string, unknown>>();

export function preparedQuery<T>(db: DbOrTx, key: string, build: (db: DbOrTx) => T): T {
  const session = (db as unknown as { session: object }).session;
  let queries = cache.get(session);
  if (!queries) cache.set(session, (queries = new Map()));
  let query = queries.get(key) as T | undefined;
  if (query === undefined) queries.set(key, (query = build(db)));
  return query;
}
