import { headers } from "next/headers";
import { resolveLocale, translator, type Locale, type Translate } from "./locale";

export async function requestLocale(profileLocale?: string | null): Promise<{ locale: Locale; t: Translate }> {
  const h = await headers();
  const locale = resolveLocale(profileLocale, h.get("accept-language"));
  return { locale, t: translator(locale) };
}
