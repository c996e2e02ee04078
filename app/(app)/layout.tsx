import Link from "next/link";
import { requireUser } from "@/server/auth/session";
import { requestLocale } from "@/server/i18n/request";
import { logoutAction } from "../login/actions";
import { TimeZoneBanner } from "./_time-zone/banner";
import { getDb } from "@/db/client";
import { myRouting } from "@/server/services/routing/overview";
import { noteSeen } from "@/server/services/routing/presence";
import { AvailabilityControl } from "./_routing/availability-control";
import { FlashCleaner } from "./_components/flash-cleaner";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const { locale, t } = await requestLocale(user.locale);
  // A page just asked for is presence as much as a poll is (and the only sign of it without JavaScript):
  // without this, the header of a first page showed "available" with the grey dot of "offline".
  const now = Date.now();
  noteSeen(getDb(), user.id, now);
  return (
    <div lang={locale} className="flex h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only">{t("shell.skip")}</a>
      <header className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-200 bg-white px-4 py-2">
        <Link href="/inbox" className="font-semibold text-brand-700">{t("app.name")}</Link>
        <nav className="flex gap-3 text-sm whitespace-nowrap">
          <Link href="/inbox">{t("shell.inbox")}</Link>
          <Link href="/reports">{t("shell.reports")}</Link>
          <Link href="/bot">{t("bot.withBot.nav")}</Link>
          {user.role === "admin" && <Link href="/admin">{t("shell.admin")}</Link>}
        </nav>
        {/* Wraps rather than overflows: at phone width the availability control goes to its own line. */}
        <div className="ml-auto flex flex-wrap items-center justify-end gap-x-3 gap-y-1 text-sm whitespace-nowrap" data-testid="current-user">
          <AvailabilityControl me={myRouting(getDb(), user.id, now)} t={t} returnTo="/inbox" />
          <Link href="/profile" className="font-medium hover:underline" title={t("shell.profile")}>{user.name}</Link>
          <span className="hidden rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700 sm:inline">{t(`shell.role.${user.role}`)}</span>
          <form action={logoutAction}>
            <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">{t("shell.signOut")}</button>
          </form>
        </div>
      </header>
      <TimeZoneBanner
        profileZone={user.timeZone}
        text={{ label: t("time.banner.label"), message: t("time.banner.text"), use: t("time.banner.use"), keep: t("time.banner.keep") }}
      />
      <main id="main" className="min-h-0 flex-1">{children}</main>
      <FlashCleaner />
    </div>
  );
}
