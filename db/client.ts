import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { dataDir } from "@/server/config/env";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** A transaction handle: repositories accept it wherever they accept the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export function migrationsFolder(): string {
  // Resolved from the project root: Next bundles this module, so __dirname is not reliable.
  return path.resolve(/*turbopackIgnore: true*/ process.env.CHARLA_ROOT ?? process.cwd(), "db/migrations");
}

export function openDatabase(file: string, options: { migrate?: boolean } = {}): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // An INSERT … SELECT into a table with triggers (the metric and rollup triggers write so) goes through a
  // temporary table; this build keeps those in files by default, which cost more than the writes themselves.
  sqlite.pragma("temp_store = MEMORY");
  const db = drizzle(sqlite, { schema }) as Db;
  if (options.migrate !== false) migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

export function databaseFile(): string {
  return path.join(dataDir(), "charla.db");
}

const globalForDb = globalThis as unknown as { charlaDb?: Db };

/** The process-wide database, opened and migrated on first use. */
export function getDb(): Db {
  if (!globalForDb.charlaDb) globalForDb.charlaDb = openDatabase(databaseFile());
  return globalForDb.charlaDb;
}

/** Lets tests and the CLI point the process at another file. */
export function setDb(db: Db | undefined): void {
  globalForDb.charlaDb = db;
}
