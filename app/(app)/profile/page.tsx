import { requireUser } from "@/server/auth/session";
import { requestLocale } from "@/server/i18n/request";
import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm } from "@/app/_lib/kept-form";
import { changePasswordAction, updateProfileAction } from "./actions";
import { withCarriedOutcome } from "@/app/_lib/redirect-after-form";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2";
const button = "rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700";

export default async function ProfilePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser();
  const { t } = await requestLocale(user.locale);
  const params = await withCarriedOutcome(await searchParams);
  // The password form is never kept; this one comes back as submitted after a refusal.
  const kept = await keptForm("profile");
  const zones = Intl.supportedValuesOf("timeZone");
  // ICU lists no "UTC" (only places), and a browser may report an alias the list lacks: offer both anyway.
  for (const zone of new Set(["UTC", user.timeZone])) if (!zones.includes(zone)) zones.unshift(zone);
  return (
    <div className="mx-auto max-w-xl space-y-8 p-6">
      <h1 className="text-xl font-semibold">{t("profile.title")}</h1>
      {params.ok && <p role="status" data-testid="flash-ok" className="rounded bg-green-50 p-3 text-sm text-green-800">{t("flash.ok")}</p>}
      {params.error && <p role="alert" data-testid="flash-error" className="rounded bg-red-50 p-3 text-sm text-red-800">{params.error}</p>}
      <form action={updateProfileAction} className="space-y-4 rounded-lg bg-white p-6 ring-1 ring-slate-200">
        <KeepForm id={kept.id} />
        <p className="text-sm text-slate-600">{user.name} · {user.email}</p>
        <label className="block text-sm font-medium">
          {t("profile.language")}
          <select name="locale" defaultValue={kept.value("locale") ?? user.locale ?? ""} className={field}>
            <option value="">{t("profile.languageAuto")}</option>
            <option value="es">Español</option>
            <option value="pt">Português (Brasil)</option>
            <option value="en">English</option>
          </select>
        </label>
        <label className="block text-sm font-medium">
          {t("profile.timeZone")}
          <select name="timeZone" defaultValue={kept.value("timeZone") ?? user.timeZone} className={field}>
            {zones.map((z) => <option key={z} value={z}>{z}</option>)}
          </select>
        </label>
        <button type="submit" className={button}>{t("profile.save")}</button>
      </form>
      <form action={changePasswordAction} className="space-y-4 rounded-lg bg-white p-6 ring-1 ring-slate-200">
        <h2 className="font-medium">{t("profile.password")}</h2>
        <label className="block text-sm font-medium">
          {t("profile.currentPassword")}
          <input type="password" name="current" autoComplete="current-password" required className={field} />
        </label>
        <label className="block text-sm font-medium">
          {t("profile.newPassword")}
          <input type="password" name="next" autoComplete="new-password" required minLength={8} className={field} />
        </label>
        <button type="submit" className={button}>{t("profile.changePassword")}</button>
      </form>
    </div>
  );
}
