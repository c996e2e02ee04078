import type { Locale, Translate } from "./locale";
import type { MessageKey } from "./messages";

// Client components that render translated text in the browser (the live chat pane) get only the strings
// they use, not every dictionary: a subset picked on the server and a translator over it.

export type MessageSubset = Partial<Record<MessageKey, string>>;

export function pickMessages(t: Translate, keys: readonly MessageKey[]): MessageSubset {
  return Object.fromEntries(keys.map((k) => [k, t(k)]));
}

/** Same placeholders as the server's translator ({name}); numbers in the reader's locale. */
export function subsetTranslator(dict: MessageSubset, locale: Locale): Translate {
  const numbers = new Intl.NumberFormat(locale);
  const show = (value: string | number) => (typeof value === "number" ? numbers.format(value) : value);
  return (key, vars) => {
    const text = dict[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? show(vars[name]!) : m)) : text;
  };
}
