import Link from "next/link";
import { currentUser } from "@/server/auth/session";
import { requestLocale } from "@/server/i18n/request";

/** Rendered (in the browser) with status 403 when an agent's JavaScript-driven admin action is refused. */
export default async function AdminForbidden() {
  const user = await currentUser();
  const { t } = await requestLocale(user?.locale);
  return (
    <div className="p-6">
      <div className="mx-auto max-w-lg space-y-3 rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold" data-testid="forbidden-title">{t("admin.forbidden.title")}</h1>
        <p className="text-slate-700">{t("admin.forbidden.body")}</p>
        <p>
          <Link href="/inbox" className="font-medium text-brand-700 underline underline-offset-4">{t("admin.forbidden.back")}</Link>
        </p>
      </div>
    </div>
  );
}
