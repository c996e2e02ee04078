import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { ensureSystemRows } from "@/server/services/bootstrap";

/** A real, migrated SQLite file in a fresh temporary folder; no mocks. */
export function tempDb(options: { bootstrap?: boolean } = {}): { db: Db; dir: string; file: string; close: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charla-test-"));
  const file = path.join(dir, "charla.db");
  const db = openDatabase(file);
  if (options.bootstrap !== false) ensureSystemRows(db, Date.UTC(2026, 0, 1));
  return {
    db,
    dir,
    file,
    close: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
