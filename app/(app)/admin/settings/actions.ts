"use server";

import type { SettingKey, Settings } from "@/server/domain/settings-rules";
import { getSettings, updateSetting } from "@/server/services/settings";
import { runAdminAction } from "../run-action";
import { changedSettings, settingsFromForm } from "./form";

export async function saveSettingsAction(form: FormData): Promise<void> {
  await runAdminAction("manageSettings", "/admin/settings", "settings.saved", ({ db, actor }) => {
    // Every value is checked before the first write, so a bad one leaves all settings as they were.
    const next = settingsFromForm(form);
    for (const key of changedSettings(getSettings(db), next)) {
      updateSetting(db, key, next[key] as Settings[SettingKey], actor);
    }
  }, form);
}
