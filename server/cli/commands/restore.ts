import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseFile } from "@/db/client";
import { runningServerPid } from "@/server/config/server-lock";
import { UsageError, type CliIo } from "../io";

// Puts a backup in place of DATA_DIR/charla.db. Refused while a server uses DATA_DIR (it would keep
// writing to the file it has open). The previous database is kept beside it, and the switch is one
// rename, so a crash midway leaves either the old database or the new one, never half of each.

function checkBackup(file: string): void {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new UsageError(`${file} cannot be opened: ${(err as Error).message}`);
  }
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new UsageError(`${file} is damaged (integrity_check: ${String(integrity)}).`);
    const migrations = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('__drizzle_migrations', 'users', 'chats', 'messages')").get() as { n: number };
    if (migrations.n !== 4) throw new UsageError(`${file} is not a Charla database (no migrations table or no chats).`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${file} is not a Charla database: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

export async function restoreCommand(args: string[], io: CliIo): Promise<void> {
  if (args.length !== 1 || !args[0] || args[0].startsWith("-")) throw new UsageError("Usage: charla restore FILE");
  const source = path.resolve(args[0]);
  const pid = runningServerPid();
  if (pid !== null) throw new UsageError(`Charla is running (pid ${pid}) on this data folder; stop it before restoring.`);
  checkBackup(source);

  const target = databaseFile();
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // A clean single-file copy next to the target (same filesystem, so the final rename is atomic).
  const staging = `${target}.restoring`;
  fs.rmSync(staging, { force: true });
  const from = new Database(source, { readonly: true });
  try {
    await from.backup(staging);
  } finally {
    from.close();
  }
  let kept: string | null = null;
  if (fs.existsSync(target)) {
    // Fold the old write-ahead log into its file first, so the kept copy is whole.
    const old = new Database(target);
    old.pragma("wal_checkpoint(TRUNCATE)");
    old.close();
    kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    fs.copyFileSync(target, kept);
  }
  // A stale -wal would be replayed onto the restored file: remove it (and its index) before the switch.
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
  fs.renameSync(staging, target);
  io.out(`Restored ${source} to ${target}.${kept ? ` The previous database is kept at ${kept}.` : ""}`);
}
