import { getDb } from "@/db/client";
import { publicUrl } from "@/server/config/env";
import { templates } from "@/server/services/catalog";
import { channelViews, type ChannelView } from "@/server/services/channels";
import { AdminFrame } from "../admin-frame";
import { TextAreaField, TextField } from "../field";
import { requireAdmin } from "../require-admin";
import type { StatusParams } from "../status";
import { ConfirmForm } from "../confirm-form";
import { buttonClass, captionClass, cardClass, inputClass, labelClass, secondaryButtonClass, tableClass, tdClass, thClass } from "../styles";
import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm } from "@/app/_lib/kept-form";
import { createTemplateAction, deleteTemplateAction } from "./actions";

/** Templates are a WhatsApp feature: WhatsApp channels and Zenvia channels fronting WhatsApp. */
const hasTemplates = (c: ChannelView) => c.type === "whatsapp" || (c.type === "zenvia" && c.config.zenviaChannel !== "instagram");

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<StatusParams> }) {
  const { t } = await requireAdmin();
  const params = await searchParams;
  const db = getDb();
  const channels = channelViews(db, publicUrl()).filter(hasTemplates);
  const channel = channels.find((c) => String(c.id) === params.channel) ?? channels[0];
  const list = channel ? templates.list(db, channel.id) : [];
  const kept = await keptForm(`template.create:${channel?.id ?? 0}`);
  return (
    <AdminFrame t={t} current="templates" title={t("admin.templates.title")} params={params}>
      <p className="text-slate-700">{t("admin.templates.intro")}</p>
      {!channel ? (
        <p className={cardClass}>{t("admin.templates.noChannels")}</p>
      ) : (
        <>
          <form method="get" action="/admin/templates" className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor="template-channel" className={labelClass}>{t("admin.templates.channel")}</label>
              <select id="template-channel" name="channel" defaultValue={channel.id} className={inputClass}>
                {channels.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({t(`admin.channels.type.${c.type}`)})
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className={secondaryButtonClass}>{t("admin.templates.show")}</button>
          </form>

          <div className="overflow-x-auto">
            <table className={tableClass} data-testid="templates-table">
              <caption className={captionClass}>{t("admin.templates.caption", { channel: channel.name })}</caption>
              <thead>
                <tr>
                  <th scope="col" className={thClass}>{t("admin.templates.col.name")}</th>
                  <th scope="col" className={thClass}>{t("admin.templates.col.language")}</th>
                  <th scope="col" className={thClass}>{t("admin.templates.col.body")}</th>
                  <th scope="col" className={thClass}>{t("admin.common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {list.length === 0 && (
                  <tr>
                    <td colSpan={4} className={`${tdClass} text-slate-600`}>{t("admin.common.empty")}</td>
                  </tr>
                )}
                {list.map((tpl) => (
                  <tr key={tpl.id}>
                    <th scope="row" className={`${tdClass} font-mono font-medium`}>{tpl.name}</th>
                    <td className={tdClass}>{tpl.language}</td>
                    <td className={`${tdClass} whitespace-pre-wrap`}>{tpl.body}</td>
                    <td className={tdClass}>
                      <ConfirmForm
                        action={deleteTemplateAction}
                        fields={{ channelId: channel.id, templateId: tpl.id }}
                        verb={t("admin.common.delete")}
                        target={`${tpl.name} (${tpl.language})`}
                        confirm={t("admin.templates.deleteConfirm", { name: tpl.name, language: tpl.language })}
                        testId={`delete-template-${tpl.id}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <section aria-labelledby="add-template" className={cardClass}>
            <h2 id="add-template" className="mb-4 text-base font-semibold">{t("admin.templates.add.title", { channel: channel.name })}</h2>
            <form action={createTemplateAction} className="grid gap-4 sm:grid-cols-2">
              <input type="hidden" name="channelId" value={channel.id} />
              <KeepForm id={kept.id} />
              <TextField id="new-template-name" name="name" required maxLength={512} autoComplete="off" spellCheck={false} defaultValue={kept.value("name")} label={t("admin.templates.field.name")} hint={t("admin.templates.hint.name")} />
              <TextField id="new-template-language" name="language" required maxLength={16} autoComplete="off" spellCheck={false} defaultValue={kept.value("language")} label={t("admin.templates.field.language")} hint={t("admin.templates.hint.language")} />
              <TextAreaField id="new-template-body" name="body" required maxLength={5000} defaultValue={kept.value("body")} label={t("admin.templates.field.body")} hint={t("admin.templates.hint.body")} className="sm:col-span-2" />
              <div className="sm:col-span-2">
                <button type="submit" className={buttonClass}>{t("admin.templates.add.submit")}</button>
              </div>
            </form>
          </section>
        </>
      )}
    </AdminFrame>
  );
}
