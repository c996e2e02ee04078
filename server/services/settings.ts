import type { Db } from "@/db/client";
import { readSettings, writeSetting } from "@/server/repositories/settings";
import { writeAudit } from "@/server/repositories/audit";
import type { SettingKey, Settings } from "@/server/domain/settings-rules";
import type { Actor } from "./users";

export function getSettings(db: Db): Settings {
  return readSettings(db);
}

export function updateSetting<K extends SettingKey>(db: Db, key: K, value: Settings[K], actor: Actor): Settings {
  return db.transaction(
    (tx) => {
      writeSetting(tx, key, value, actor.now);
      writeAudit(tx, { actorId: actor.actorId, action: "settings.update", targetType: "setting", targetId: key, details: { value } }, actor.now);
      return readSettings(tx);
    },
    { behavior: "immediate" },
  );
}
