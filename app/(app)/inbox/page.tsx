import { requireUser } from "@/server/auth/session";
import { requestLocale } from "@/server/i18n/request";

export default async function InboxPage() {
  const user = await requireUser();
  const { t } = await requestLocale(user.locale);
  return (
    <div className="p-6">
      <h1 className="text-lg font-semibold">{t("shell.inbox")}</h1>
      <p className="text-slate-600">{t("inbox.selectChat")}</p>
    </div>
  );
}
