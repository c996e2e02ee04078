"use server";

import { updateCsatSettings } from "@/server/services/csat-settings";
import { checked, id, text } from "../form-data";
import { runAdminAction } from "../run-action";

export async function saveCsatAction(form: FormData): Promise<void> {
  const raw = Number(text(form, "channelId"));
  const back = Number.isSafeInteger(raw) && raw > 0 ? `/admin/channels/${raw}` : "/admin/channels";
  await runAdminAction("manageChannels", back, "csat.saved", ({ db, actor }) => {
    const days = text(form, "intervalDays").trim();
    updateCsatSettings(
      db,
      {
        channelId: id(form, "channelId"),
        enabled: checked(form, "enabled"),
        // A blank or non-number box reaches the domain as NaN and is refused there in the reader's language.
        intervalDays: days === "" ? Number.NaN : Number(days),
        templateName: text(form, "templateName") || null,
        language: text(form, "language"),
      },
      actor,
    );
    return { to: back };
  }, form);
}
