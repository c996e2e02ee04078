// A form the server refuses goes back to its page filled in again with what the person typed (the "kept
// form"). These rules say which forms ask for it, what is kept, and for how long. No imports: the composer
// (a client component) reads FORM_ID_FIELD from here.

/** The hidden field naming a form that wants its values back after a refusal; forms without it keep nothing. */
export const FORM_ID_FIELD = "_form";

/** Long enough to read the refusal, fix the text and send again; short enough not to linger. */
export const DRAFT_TTL_MS = 10 * 60_000;

/** Above any text a form accepts (a quick reply holds 60,000 characters): more is not someone typing. */
const MAX_TOTAL_CHARS = 200_000;
const MAX_FIELDS = 100;

/** Credentials are never kept, whatever form they are in: they are typed again. */
const CREDENTIAL = /password|secret|token/i;

/** Fields that are the form's plumbing, not what was typed: Next's action ids, where to go back to. */
const PLUMBING = new Set([FORM_ID_FIELD, "returnTo"]);

const FORM_ID = /^[\w.:|-]{1,120}$/;

export function isFormId(value: unknown): value is string {
  return typeof value === "string" && FORM_ID.test(value);
}

/**
 * What to keep of a refused form's fields, by name (a name may repeat: the template form's variables):
 * typed text only — no files, no credentials, no plumbing. Null when there is nothing to keep or more
 * than anyone types.
 */
export function keptFields(entries: Iterable<[string, unknown]>): Record<string, string[]> | null {
  const fields: Record<string, string[]> = {};
  let total = 0;
  let count = 0;
  for (const [name, value] of entries) {
    if (typeof value !== "string" || name.startsWith("$") || PLUMBING.has(name) || CREDENTIAL.test(name)) continue;
    total += value.length;
    count += 1;
    if (total > MAX_TOTAL_CHARS || count > MAX_FIELDS) return null;
    (fields[name] ??= []).push(value);
  }
  return count > 0 ? fields : null;
}
