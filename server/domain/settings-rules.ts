import { badRequest } from "./errors";

export interface Settings {
  /** When off, agents see only their own and unassigned chats. */
  sharedInbox: boolean;
  /** Minutes without a message before a chat closes by inactivity; null = never. */
  inactivityMinutes: number | null;
  /** How often the browser polls counters and the open chat. */
  pollIntervalSeconds: number;
  /** Payment-link URL with {amount}, {currency} and {description} placeholders; empty = payment links off. */
  paymentLinkPattern: string;
  /** ISO 4217 code the payment-link form starts with. */
  currency: string;
}

export const defaultSettings: Settings = {
  sharedInbox: true,
  inactivityMinutes: 24 * 60,
  pollIntervalSeconds: 5,
  paymentLinkPattern: "",
  currency: "USD",
};

export type SettingKey = keyof Settings;
export const settingKeys = Object.keys(defaultSettings) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return (settingKeys as string[]).includes(key);
}

/** Parses a value typed by a person (CLI, form) into the setting's type, or explains what is expected. */
export function parseSettingValue<K extends SettingKey>(key: K, raw: string): Settings[K] {
  const value = raw.trim();
  const fail = (expected: string): never => {
    throw badRequest(
      `Setting ${key} expects ${expected}; got “${raw}”.`,
      isSettingKey(key) ? { key: `error.setting.${key}`, params: { value: raw } } : { key: "error.setting.unknown", params: { key } },
    );
  };
  switch (key) {
    case "sharedInbox": {
      if (["on", "true", "1", "yes"].includes(value.toLowerCase())) return true as Settings[K];
      if (["off", "false", "0", "no"].includes(value.toLowerCase())) return false as Settings[K];
      return fail("on or off");
    }
    case "inactivityMinutes": {
      if (value.toLowerCase() === "never") return null as Settings[K];
      const n = Number(value);
      if (!Number.isInteger(n) || n < 5 || n > 60 * 24 * 90) return fail("whole minutes from 5 to 129600, or never");
      return n as Settings[K];
    }
    case "pollIntervalSeconds": {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 2 || n > 300) return fail("whole seconds from 2 to 300");
      return n as Settings[K];
    }
    case "paymentLinkPattern": {
      if (value === "") return "" as Settings[K];
      if (!/^https:\/\/[^\s]+$/.test(value) || !value.includes("{amount}")) {
        return fail("an https URL containing {amount} (and optionally {currency}, {description})");
      }
      return value as Settings[K];
    }
    case "currency": {
      const code = value.toUpperCase();
      if (!/^[A-Z]{3}$/.test(code) || !Intl.supportedValuesOf("currency").includes(code)) return fail("an ISO 4217 currency code such as USD, ARS or BRL");
      return code as Settings[K];
    }
    default:
      return fail("a known setting");
  }
}

export function formatSettingValue(key: SettingKey, value: Settings[SettingKey]): string {
  if (key === "sharedInbox") return value ? "on" : "off";
  if (key === "inactivityMinutes" && value === null) return "never";
  return String(value);
}
