import { en, es, pt, type MessageKey, type Messages } from "./messages";

export const locales = ["es", "pt", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "es";

const dictionaries: Record<Locale, Messages> = { en, es, pt };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** The user's profile wins, then the browser's Accept-Language (by q order), then Spanish. */
export function resolveLocale(profile: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(profile)) return profile;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((x) => x.lang && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((r) => r.lang).find(isLocale) ?? defaultLocale;
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

// A translator holds nothing per request, and building its number format costs more than a page's worth of
// lookups, so there is one per locale.
const translators = new Map<Locale, Translate>();

export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = makeTranslator(locale)));
  return t;
}

function makeTranslator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  const numbers = new Intl.NumberFormat(locale);
  const show = (value: string | number) => (typeof value === "number" ? numbers.format(value) : value);
  return (key, vars) => {
    const text = dict[key] ?? en[key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? show(vars[name]!) : m)) : text;
  };
}

/** A rule's refusal in the reader's language when it carries a known key; its English text otherwise. */
export function translateError(t: Translate, error: { message: string; text?: { key: string; params?: Record<string, string | number> } }): string {
  const key = error.text?.key;
  return key && key in en ? t(key as MessageKey, error.text?.params) : error.message;
}
