import { settings as settingsTable } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import { perDataVersion } from "./data-version";
import { preparedQuery } from "./prepared";
import { defaultSettings, type SettingKey, type Settings } from "@/server/domain/settings-rules";

export function readSettings(db: Db): Settings {
  // Read several times by every poll of every open inbox: once per state of the database (a copy each, as before).
  const read = perDataVersion(db, "settings", () => {
    const rows = preparedQuery(db, "settings.all", (db) => db.select().from(settingsTable).prepare()).all();
    const result: Settings = { ...defaultSettings };
    for (const row of rows) {
      if (row.key in result) (result as unknown as Record<string, unknown>)[row.key] = row.value;
    }
    return result;
  });
  return { ...read };
}

export function writeSetting<K extends SettingKey>(db: Db, key: K, value: Settings[K], now: number): void {
  db.insert(settingsTable)
    .values({ key, value: value as never, updatedAt: now })
    .onConflictDoUpdate({ target: settingsTable.key, set: { value: value as never, updatedAt: now } })
    .run();
}
