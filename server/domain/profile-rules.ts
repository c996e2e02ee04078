import { badRequest } from "./errors";

export const profileLocales = ["es", "pt", "en"] as const;
export type ProfileLocale = (typeof profileLocales)[number];

/** null means "follow the browser". */
export function parseProfileLocale(value: string | null | undefined): ProfileLocale | null {
  if (value === null || value === undefined || value === "") return null;
  if ((profileLocales as readonly string[]).includes(value)) return value as ProfileLocale;
  throw badRequest(`“${value}” is not a language Charla speaks; choose es, pt or en.`, { key: "error.profile.locale", params: { value } });
}

/** IANA names only (America/Sao_Paulo, Europe/Madrid, UTC): they carry the daylight-saving rules. */
export function parseTimeZone(value: string): string {
  const zone = value.trim();
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
  } catch {
    throw badRequest(`“${value}” is not a time zone; use a name such as America/Sao_Paulo.`, { key: "error.profile.timeZone", params: { value } });
  }
  if (!zone || zone.length > 64) throw badRequest("Choose a time zone from the list.", { key: "error.profile.timeZoneList" });
  return zone;
}
