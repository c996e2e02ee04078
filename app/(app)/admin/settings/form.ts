import { parseSettingValue, settingKeys, type SettingKey, type Settings } from "@/server/domain/settings-rules";
import { checked, text } from "../form-data";

/**
 * The settings form as typed values, checked by the same parser as `charla settings set`, so the form
 * and the CLI accept exactly the same things. Throws the domain's error for the first bad value.
 */
export function settingsFromForm(form: FormData): Settings {
  return {
    sharedInbox: parseSettingValue("sharedInbox", text(form, "sharedInbox")),
    inactivityMinutes: parseSettingValue("inactivityMinutes", checked(form, "inactivityNever") ? "never" : text(form, "inactivityMinutes")),
    pollIntervalSeconds: parseSettingValue("pollIntervalSeconds", text(form, "pollIntervalSeconds")),
    paymentLinkPattern: parseSettingValue("paymentLinkPattern", text(form, "paymentLinkPattern")),
    currency: parseSettingValue("currency", text(form, "currency")),
  };
}

/** Only what changed is written, so the audit log records real changes and nothing else. */
export function changedSettings(before: Settings, after: Settings): SettingKey[] {
  return settingKeys.filter((key) => before[key] !== after[key]);
}
