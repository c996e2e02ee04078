// A form's outcome ("Sent.", or the rule that refused it) travels to the page it returns to. With JavaScript
// it rides in the redirect's query and the app's layout removes it from the address once shown (FlashCleaner).
// Without JavaScript nothing can remove it, so it travels in a one-shot cookie instead: the proxy turns it
// into a header of that one request, which the page reads as if it were in its query (the address stays
// clean), and deletes it, so a reload or a copied link never shows it again. Pure: shared by server actions,
// pages and proxy.ts.

export const FLASH_COOKIE = "charla-flash";

/** Enough to follow a redirect; a stale one must not surface on some later page. */
export const FLASH_MAX_AGE_S = 60;

/** The request header the proxy puts the carried outcome in (a query string of the outcome's keys). */
export const OUTCOME_HEADER = "x-charla-outcome";

export const OUTCOME_KEYS = ["ok", "error", "formError"] as const;

/** Splits `path` into the address to send the browser to and the outcome to carry aside (or null). */
export function takeOutcome(path: string): { clean: string; outcome: string | null } {
  const url = new URL(path, "http://x");
  const carried = new URLSearchParams();
  for (const key of OUTCOME_KEYS) {
    const value = url.searchParams.get(key);
    if (value !== null) carried.set(key, value);
    url.searchParams.delete(key);
  }
  const outcome = carried.toString();
  return { clean: url.pathname + url.search, outcome: outcome === "" ? null : outcome };
}

/** The page's query with the carried outcome added back; null when the cookie holds nothing usable. */
export function restoreOutcome(search: URLSearchParams, cookie: string): URLSearchParams | null {
  const carried = new URLSearchParams(cookie);
  const next = new URLSearchParams(search);
  let found = false;
  for (const key of OUTCOME_KEYS) {
    const value = carried.get(key);
    if (value === null) continue;
    next.set(key, value);
    found = true;
  }
  return found ? next : null;
}
