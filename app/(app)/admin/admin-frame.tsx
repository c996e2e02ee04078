import Link from "next/link";
import type { Translate } from "@/server/i18n/locale";
import { adminSections, type AdminSectionId } from "./sections";
import { readStatus, type StatusParams } from "./status";
import { withCarriedOutcome } from "@/app/_lib/redirect-after-form";

/** Every admin screen: the section menu, the page heading and the outcome of the last form. */
export function AdminFrame(props: {
  t: Translate;
  current: AdminSectionId;
  title: string;
  params?: StatusParams;
  children: React.ReactNode;
}) {
  const { t, current } = props;
  const links = [{ id: "overview", href: "/admin", label: "admin.nav.overview" } as const, ...adminSections];
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-6xl space-y-6 p-6">
        <nav aria-label={t("admin.nav.label")}>
          <ul className="flex flex-wrap gap-1 text-sm">
            {links.map((s) => (
              <li key={s.id}>
                <Link
                  href={s.href}
                  aria-current={s.id === current ? "page" : undefined}
                  className={
                    s.id === current
                      ? "block rounded-md bg-brand-50 px-3 py-1.5 font-semibold text-brand-700 underline underline-offset-4"
                      : "block rounded-md px-3 py-1.5 text-slate-700 hover:bg-slate-100"
                  }
                >
                  {t(s.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <h1 className="text-xl font-semibold">{props.title}</h1>
        <StatusRegion t={t} params={props.params ?? {}} />
        {props.children}
      </div>
    </div>
  );
}

async function StatusRegion({ t, params }: { t: Translate; params: StatusParams }) {
  const status = readStatus(await withCarriedOutcome(params));
  if (!status) return null;
  const message = status.key ? t(status.key) : status.text;
  // A word before the message says success or failure; the colour only repeats it.
  return status.kind === "ok" ? (
    <p role="status" data-testid="admin-status" className="rounded-md bg-brand-50 p-3 text-sm text-brand-700 ring-1 ring-brand-100">
      <strong>{t("admin.status.done")}</strong> {message}
    </p>
  ) : (
    <p role="alert" data-testid="admin-status" className="rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
      <strong>{t("admin.status.error")}</strong> {message}
    </p>
  );
}
