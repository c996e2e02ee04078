import Link from "next/link";
import { AdminFrame } from "./admin-frame";
import { requireAdmin } from "./require-admin";
import { adminSections } from "./sections";
import { cardClass } from "./styles";

export default async function AdminOverviewPage() {
  const { t } = await requireAdmin();
  return (
    <AdminFrame t={t} current="overview" title={t("admin.title")}>
      <p className="text-slate-700">{t("admin.overview.intro")}</p>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {adminSections.map((s) => (
          <li key={s.id} className={cardClass}>
            <h2 className="font-semibold">
              <Link href={s.href} className="text-brand-700 underline underline-offset-4">{t(s.label)}</Link>
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t(s.description)}</p>
          </li>
        ))}
      </ul>
    </AdminFrame>
  );
}
