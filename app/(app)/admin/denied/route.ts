import { currentUser } from "@/server/auth/session";
import { requestLocale } from "@/server/i18n/request";

// Where a plain HTML admin form posted by a non-administrator is sent (deny() in run-action.ts).
// A route handler, not a page calling forbidden(): Next renders forbidden() pages only with JavaScript,
// and this is exactly the visitor without it, who must still read why.

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function GET(): Promise<Response> {
  const user = await currentUser();
  const { locale, t } = await requestLocale(user?.locale);
  const html = `<!DOCTYPE html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escape(t("admin.forbidden.title"))} · ${escape(t("app.name"))}</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0;padding:2rem}main{max-width:32rem;margin:2rem auto;background:#fff;border-radius:.75rem;padding:2rem;box-shadow:0 0 0 1px #e2e8f0}a{color:#0b5546;font-weight:500}:focus-visible{outline:2px solid #0f6b58;outline-offset:2px}</style>
</head>
<body><main>
<h1 data-testid="forbidden-title">${escape(t("admin.forbidden.title"))}</h1>
<p>${escape(t("admin.forbidden.body"))}</p>
<p><a href="/inbox">${escape(t("admin.forbidden.back"))}</a></p>
</main></body>
</html>`;
  return new Response(html, { status: 403, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
