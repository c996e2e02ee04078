// Forms post to server actions and are redirected back with their outcome in the query (?ok=, ?error=,
// ?formError=), so the result shows without JavaScript and survives a reload. Shared by every area.

/** Long enough for any domain message; caps what a crafted link can put on a page. */
export const MAX_ERROR_LENGTH = 300;

/** Only same-site paths: "//evil.example" and "/\evil.example" would leave the site. */
export function safeReturnTo(value: unknown, fallback: string): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : fallback;
}

/** `path` with its previous outcome replaced by this one; the rest of its query is kept. */
export function withOutcome(path: string, outcome: { ok: string } | { error: string } | { formError: string }): string {
  const url = new URL(path, "http://x");
  for (const key of ["ok", "error", "formError"]) url.searchParams.delete(key);
  if ("ok" in outcome) url.searchParams.set("ok", outcome.ok);
  else if ("error" in outcome) url.searchParams.set("error", outcome.error.slice(0, MAX_ERROR_LENGTH));
  else url.searchParams.set("formError", outcome.formError);
  return url.pathname + url.search;
}
