import { FLASH_COOKIE, restoreOutcome } from "@/app/_lib/flash-outcome";

// Server actions tested outside Next post as a browser without JavaScript does: their outcome leaves in the
// one-shot cookie (app/_lib/redirect-after-form.ts). This jar stands in for Next's cookie store, and
// `landed` answers the address the next page reads, as proxy.ts hands the outcome over.

const jar = new Map<string, string>();

export const cookieStore = {
  get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
  set: (name: string | { name: string; value: string }, value?: string) => (typeof name === "string" ? jar.set(name, value ?? "") : jar.set(name.name, name.value)),
  delete: (cookie: string | { name: string }) => jar.delete(typeof cookie === "string" ? cookie : cookie.name),
};

/** The redirect's target with the outcome its cookie carried (the cookie is used up, as in a browser). */
export function landed(to: string): string {
  const carried = jar.get(FLASH_COOKIE);
  if (carried === undefined) return to;
  jar.delete(FLASH_COOKIE);
  const url = new URL(to, "http://x");
  const search = restoreOutcome(url.searchParams, carried);
  return search ? `${url.pathname}?${search.toString()}` : to;
}
