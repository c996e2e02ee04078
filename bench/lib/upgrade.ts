import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrationsFolder } from "@/db/client";

// A cached dataset predates the migrations added since it was seeded. They are applied here, once, before
// anything is timed (a server copy of an up-to-date file then has nothing to migrate), exactly as drizzle's
// migrator applies them (one transaction, the same statements, the same __drizzle_migrations rows) — with
// one addition: a backfill that reads a temporary table by chat gets an index on it. Migration 0013's
// backfill (chat_metrics) looks up `metric_events` by chat_id in correlated subqueries, once per chat; with
// no index that is a scan of ~1M rows for each of ~170k chats at 1M messages (hours). The index changes
// how long it takes, not what it writes.

const TEMP_INDEXES: Record<string, string> = {
  metric_events: "(chat_id, id)",
};

export function upgradeDataset(file: string, log: (line: string) => void): void {
  const migrations = readMigrationFiles({ migrationsFolder: migrationsFolder() });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE IF NOT EXISTS __drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)");
    const last = Number((db.prepare("SELECT created_at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1").pluck().get() as number | undefined) ?? -1);
    const pending = migrations.filter((m) => m.folderMillis > last);
    if (!pending.length) return;
    log(`applying ${pending.length} migration(s) added since ${file.split("/").pop()} was seeded …`);
    const started = Date.now();
    const record = db.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)");
    db.transaction(() => {
      for (const m of pending) {
        for (const stmt of m.sql) {
          db.exec(stmt);
          const temp = /^\s*CREATE\s+TEMP(?:ORARY)?\s+TABLE\s+[`"]?(\w+)[`"]?/i.exec(stmt)?.[1];
          if (temp && TEMP_INDEXES[temp]) db.exec(`CREATE INDEX temp.${temp}_bench_idx ON ${temp} ${TEMP_INDEXES[temp]}`);
        }
        record.run(m.hash, m.folderMillis);
      }
    })();
    log(`migrated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    db.close();
  }
}
