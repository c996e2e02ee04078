import Link from "next/link";
import { serverApi } from "@/server/api/caller";
import { requireUser } from "@/server/auth/session";
import { requestLocale } from "@/server/i18n/request";
import { captionClass, tableClass, tdClass, thClass } from "../admin/styles";

// "With the bot": chats the bot is answering. Not pending for anyone; any agent may open one and take
// it over (replying or taking it stops the bot).

export default async function WithBotPage() {
  const user = await requireUser();
  const { locale, t } = await requestLocale(user.locale);
  const rows = await (await serverApi()).bot.withBot();
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short", timeZone: user.timeZone ?? "UTC" });
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-5xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">{t("bot.withBot.title")}</h1>
        <p className="text-sm text-slate-700">{t("bot.withBot.intro")}</p>
        <div className="overflow-x-auto">
          <table className={tableClass} data-testid="with-bot-table">
            <caption className={captionClass}>{t("bot.withBot.caption", { n: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col" className={thClass}>{t("bot.withBot.col.contact")}</th>
                <th scope="col" className={thClass}>{t("bot.withBot.col.channel")}</th>
                <th scope="col" className={thClass}>{t("bot.withBot.col.flow")}</th>
                <th scope="col" className={thClass}>{t("bot.withBot.col.step")}</th>
                <th scope="col" className={thClass}>{t("bot.withBot.col.since")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={5} className={`${tdClass} text-slate-600`}>{t("bot.withBot.empty")}</td>
                </tr>
              )}
              {rows.map((r) => (
                <tr key={r.chatId}>
                  <th scope="row" className={`${tdClass} font-medium`}>
                    <Link href={`/inbox?section=unassigned&chat=${r.chatId}`} className="text-brand-700 underline">{r.contactName}</Link>
                  </th>
                  <td className={tdClass}>{r.channelName}</td>
                  <td className={tdClass}>{r.flowName} · {t("bot.version", { n: r.version })}</td>
                  <td className={`${tdClass} font-mono`}>{r.stepId ?? "—"}</td>
                  <td className={tdClass}>{time.format(r.startedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
