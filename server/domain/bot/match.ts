// How a contact's typed answer is understood: case, accents, punctuation and spacing are ignored, so
// "Atención al Cliente!" matches "atencion al cliente"; a number picks the option at that position.

export function normalizeAnswer(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Whether `phrase` (normalized) appears in `text` (normalized) as whole words. */
export function containsPhrase(text: string, phrase: string): boolean {
  if (!phrase) return false;
  return ` ${text} `.includes(` ${phrase} `);
}

export interface MatchOption {
  id: string;
  title: string;
  synonyms: string[];
}

/**
 * The option a typed answer picks, or null. In order: its number ("2", "2.", "opción 2" does not count),
 * its title or a synonym said exactly, then a title or synonym appearing as whole words — only when a
 * single option fits, so "ventas o soporte" picks neither.
 */
export function matchOption<T extends MatchOption>(options: readonly T[], typed: string): T | null {
  const answer = normalizeAnswer(typed);
  if (!answer) return null;
  if (/^\d{1,3}$/.test(answer)) {
    const n = Number(answer);
    return n >= 1 && n <= options.length ? options[n - 1]! : null;
  }
  const words = (o: T) => [o.title, ...o.synonyms].map(normalizeAnswer).filter(Boolean);
  const exact = options.filter((o) => words(o).includes(answer));
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  const partial = options.filter((o) => words(o).some((w) => containsPhrase(answer, w)));
  return partial.length === 1 ? partial[0]! : null;
}

export function saysKeyword(typed: string, keywords: readonly string[]): boolean {
  const answer = normalizeAnswer(typed);
  return keywords.some((k) => containsPhrase(answer, normalizeAnswer(k)));
}

export type Validation = "none" | "not_empty" | "email" | "phone" | "number";

/** The value to save, cleaned, or null when the answer does not pass. */
export function validateAnswer(validation: Validation, typed: string): string | null {
  const value = typed.normalize("NFC").trim().replace(/\s+/g, " ");
  switch (validation) {
    case "none":
      return value;
    case "not_empty":
      return value ? value : null;
    case "email":
      return /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(value) && value.length <= 254 ? value.toLowerCase() : null;
    case "phone": {
      if (!/^\+?[\d\s().-]+$/.test(value)) return null;
      const digits = value.replace(/\D/g, "");
      return digits.length >= 8 && digits.length <= 15 ? (value.startsWith("+") ? `+${digits}` : digits) : null;
    }
    case "number":
      return /^-?\d{1,15}([.,]\d{1,6})?$/.test(value) ? value.replace(",", ".") : null;
  }
}
