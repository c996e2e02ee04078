import type Database from "better-sqlite3";
import { getTableColumns, getTableName, is, SQL, type InferInsertModel, type InferSelectModel } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "@/db/client";

// Single-row INSERT and UPDATE-by-id as plain better-sqlite3 statements, prepared once per connection and
// per set of columns. They run on every webhook: drizzle's query builder rebuilt the SQL and re-prepared it
// on each call (most of ingest's time in the bench), and RETURNING re-read the row the caller had just
// written. Values still go through each column's drizzle mapping (JSON, booleans), so rows are stored
// exactly as drizzle stores them; the row handed back is built from what was written plus the column
// defaults, which is what RETURNING would have read.

type Row = Record<string, unknown>;

interface TableInfo {
  name: string;
  columns: Array<[key: string, column: SQLiteColumn]>;
  byKey: Map<string, SQLiteColumn>;
}

const tables = new WeakMap<SQLiteTable, TableInfo>();
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function info(table: SQLiteTable): TableInfo {
  let t = tables.get(table);
  if (!t) {
    const columns = Object.entries(getTableColumns(table)) as Array<[string, SQLiteColumn]>;
    // A default computed by SQLite or a function could not be reproduced here without reading the row back.
    const computed = columns.find(([, c]) => is(c.default, SQL) || c.defaultFn || c.onUpdateFn);
    if (computed) throw new Error(`row-writes: ${getTableName(table)}.${computed[0]} has a computed default; use drizzle for this table`);
    tables.set(table, (t = { name: getTableName(table), columns, byKey: new Map(columns) }));
  }
  return t;
}

/** Drizzle's better-sqlite3 driver gives a transaction the database's session, so this is the same connection. */
function client(db: DbOrTx): Database.Database {
  return (db as unknown as { session: { client: Database.Database } }).session.client;
}

/** A plain statement prepared once per connection (and per `key`). */
export function statement(db: DbOrTx, key: string, sql: () => string): Database.Statement {
  const conn = client(db);
  let cache = statements.get(conn);
  if (!cache) statements.set(conn, (cache = new Map()));
  let stmt = cache.get(key);
  if (!stmt) cache.set(key, (stmt = conn.prepare(sql())));
  return stmt;
}

function toDriver(column: SQLiteColumn, value: unknown): unknown {
  return value === null || value === undefined ? null : column.mapToDriverValue(value);
}

/** Keys of `row` that are columns and have a value; undefined means "use the column's default", as in drizzle. */
function presentKeys(t: TableInfo, row: Row): string[] {
  return Object.keys(row).filter((k) => row[k] !== undefined && t.byKey.has(k));
}

export function insertRow<T extends SQLiteTable>(db: DbOrTx, table: T, values: InferInsertModel<T>): InferSelectModel<T> {
  const t = info(table);
  const row = values as Row;
  const keys = presentKeys(t, row);
  const stmt = statement(db, `insert ${t.name} ${keys.join(",")}`, () => {
    const cols = keys.map((k) => `"${t.byKey.get(k)!.name}"`).join(", ");
    return `INSERT INTO "${t.name}" (${cols}) VALUES (${keys.map(() => "?").join(", ")})`;
  });
  const { lastInsertRowid } = stmt.run(keys.map((k) => toDriver(t.byKey.get(k)!, row[k])));
  const out: Row = {};
  for (const [key, column] of t.columns) {
    if (row[key] !== undefined) out[key] = row[key];
    else if (column.primary) out[key] = Number(lastInsertRowid);
    else if (column.hasDefault && column.default !== undefined) out[key] = column.default;
    else out[key] = null;
  }
  return out as InferSelectModel<T>;
}

/** UPDATE … WHERE id = ? naming only the patch's columns: SQLite rewrites every index on a column in SET. */
export function updateRowById<T extends SQLiteTable>(db: DbOrTx, table: T, id: number, patch: Partial<InferInsertModel<T>>): number {
  const t = info(table);
  const row = patch as Row;
  const keys = presentKeys(t, row);
  if (!keys.length) return 0;
  const stmt = statement(db, `update ${t.name} ${keys.join(",")}`, () => {
    const set = keys.map((k) => `"${t.byKey.get(k)!.name}" = ?`).join(", ");
    return `UPDATE "${t.name}" SET ${set} WHERE "id" = ?`;
  });
  return stmt.run([...keys.map((k) => toDriver(t.byKey.get(k)!, row[k])), id]).changes;
}
