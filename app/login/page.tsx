import { redirect } from "next/navigation";
import { currentUser } from "@/server/auth/session";
import { requestLocale } from "@/server/i18n/request";
import type { MessageKey } from "@/server/i18n/messages";
import { loginAction } from "./actions";
import { BrowserTimeZoneField } from "./browser-time-zone";

const errorKeys: Record<string, MessageKey> = {
  invalid: "login.error.invalid",
  inactive: "login.error.inactive",
  rate_limited: "login.error.rate_limited",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await currentUser()) redirect("/inbox");
  const params = await searchParams;
  const { locale, t } = await requestLocale();
  const error = params.error ? t(errorKeys[params.error] ?? "login.error.unknown") : null;
  return (
    <main lang={locale} className="flex min-h-screen items-center justify-center p-4">
      <form action={loginAction} className="w-full max-w-sm space-y-4 rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold">{t("login.title")}</h1>
        {error && (
          <p role="alert" data-testid="login-error" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {error}
          </p>
        )}
        <input type="hidden" name="next" value={params.next ?? ""} />
        <BrowserTimeZoneField />
        <label className="block text-sm font-medium">
          {t("login.email")}
          <input name="email" type="email" autoComplete="username" required autoFocus className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <label className="block text-sm font-medium">
          {t("login.password")}
          <input name="password" type="password" autoComplete="current-password" required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <button type="submit" className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          {t("login.submit")}
        </button>
      </form>
    </main>
  );
}
