import Link from "next/link";
import { getDb } from "@/db/client";
import { botEditorOptions } from "@/server/services/bot/editor-options";
import { flowSummaries } from "@/server/services/bot/flows";
import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm } from "@/app/_lib/kept-form";
import { AdminFrame } from "../admin-frame";
import { ConfirmForm } from "../confirm-form";
import { TextField } from "../field";
import { requireAdmin } from "../require-admin";
import type { StatusParams } from "../status";
import { badgeClass, buttonClass, captionClass, cardClass, labelClass, smallInputClass, tableClass, tdClass, thClass } from "../styles";
import { botAction } from "./actions";

export default async function BotFlowsPage({ searchParams }: { searchParams: Promise<StatusParams> }) {
  const { user, t } = await requireAdmin();
  const db = getDb();
  const flows = flowSummaries(db, user);
  const options = botEditorOptions(db, user);
  const assigned = new Map(options.assignments.map((a) => [a.channelId, a]));
  const add = await keptForm("bot.create");
  const channelName = (id: number) => options.channels.find((c) => c.id === id)?.name ?? `#${id}`;
  return (
    <AdminFrame t={t} current="bot" title={t("bot.title")} params={await searchParams}>
      <p className="text-sm text-slate-700">{t("bot.intro")}</p>
      <p className="text-sm">
        <Link href="/bot" className="font-medium text-brand-700 underline">{t("bot.withBot.link")}</Link>
      </p>
      <div className="overflow-x-auto">
        <table className={tableClass} data-testid="bot-flows-table">
          <caption className={captionClass}>{t("bot.flows.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={thClass}>{t("bot.col.name")}</th>
              <th scope="col" className={thClass}>{t("bot.col.version")}</th>
              <th scope="col" className={thClass}>{t("bot.col.channels")}</th>
              <th scope="col" className={thClass}>{t("admin.common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {flows.length === 0 && (
              <tr>
                <td colSpan={4} className={`${tdClass} text-slate-600`}>{t("admin.common.empty")}</td>
              </tr>
            )}
            {flows.map((f) => (
              <tr key={f.id}>
                <th scope="row" className={`${tdClass} font-medium`}>
                  <Link href={`/admin/bot/${f.id}`} className="text-brand-700 underline">{f.name}</Link>
                </th>
                <td className={tdClass}>
                  {f.published ? t("bot.version", { n: f.published.version }) : t("bot.unpublished")}
                  {f.published && f.unpublishedChanges && <span className={`${badgeClass} ml-2`}>{t("bot.draftChanged")}</span>}
                </td>
                <td className={tdClass}>{f.channelIds.map(channelName).join(", ") || "—"}</td>
                <td className={tdClass}>
                  <ConfirmForm action={botAction} fields={{ op: "delete", flowId: f.id }} verb={t("admin.common.delete")} target={f.name} confirm={t("bot.deleteConfirm", { name: f.name })} testId={`delete-flow-${f.id}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="bot-channels" className={cardClass}>
        <h2 id="bot-channels" className="mb-2 text-base font-semibold">{t("bot.channels.title")}</h2>
        <p className="mb-4 text-sm text-slate-700">{t("bot.channels.intro")}</p>
        <ul className="space-y-3">
          {options.channels.map((c) => {
            const current = assigned.get(c.id);
            return (
              <li key={c.id}>
                <form action={botAction} className="flex flex-wrap items-end gap-3" data-testid={`assign-channel-${c.id}`}>
                  <input type="hidden" name="op" value="assign" />
                  <input type="hidden" name="channelId" value={c.id} />
                  <div>
                    <label htmlFor={`flow-for-${c.id}`} className={labelClass}>{c.name}</label>
                    <select id={`flow-for-${c.id}`} name="flowId" defaultValue={current?.flowId ?? ""} className={smallInputClass}>
                      <option value="">{t("bot.channels.none")}</option>
                      {flows.filter((f) => f.published).map((f) => (
                        <option key={f.id} value={f.id}>{f.name}</option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`hours-for-${c.id}`} className={labelClass}>{t("bot.channels.returning")}</label>
                    <input id={`hours-for-${c.id}`} name="returningAfterHours" type="number" min={1} max={2160} defaultValue={current?.returningAfterHours ?? ""} className={`${smallInputClass} w-24`} />
                  </div>
                  <button type="submit" className={buttonClass}>
                    {t("bot.channels.save")}
                    <span className="sr-only"> {c.name}</span>
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="add-flow" className={cardClass}>
        <h2 id="add-flow" className="mb-4 text-base font-semibold">{t("bot.add.title")}</h2>
        <form action={botAction} className="grid gap-4" data-testid="create-flow-form">
          <KeepForm id={add.id} />
          <input type="hidden" name="op" value="create" />
          <TextField id="new-flow-name" name="name" required maxLength={80} defaultValue={add.value("name")} label={t("bot.field.name")} />
          <fieldset>
            <legend className={labelClass}>{t("bot.add.startWith")}</legend>
            <label className="mr-4 text-sm"><input type="radio" name="start" value="sample" defaultChecked /> {t("bot.add.sample")}</label>
            <label className="text-sm"><input type="radio" name="start" value="empty" /> {t("bot.add.empty")}</label>
          </fieldset>
          <div>
            <button type="submit" className={buttonClass}>{t("bot.add.submit")}</button>
          </div>
        </form>
      </section>
    </AdminFrame>
  );
}
