// Readers for plain HTML form posts: every value arrives as a string (or is missing), whoever sent it.

export class FormInputError extends Error {
  constructor(readonly field: string) {
    super(`Missing or invalid form field “${field}”.`);
    this.name = "FormInputError";
  }
}

/** The field's text, or "" when absent (a browser omits disabled and unchecked controls). */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** A positive integer id from a hidden field; anything else is a broken or forged form. */
export function id(form: FormData, name: string): number {
  const value = Number(text(form, name));
  if (!Number.isSafeInteger(value) || value <= 0) throw new FormInputError(name);
  return value;
}

/** One of the allowed values, or a FormInputError. */
export function oneOf<T extends string>(form: FormData, name: string, allowed: readonly T[]): T {
  const value = text(form, name);
  if (!(allowed as readonly string[]).includes(value)) throw new FormInputError(name);
  return value as T;
}

/** A checkbox is checked when the browser sends it at all. */
export function checked(form: FormData, name: string): boolean {
  return form.get(name) !== null;
}
