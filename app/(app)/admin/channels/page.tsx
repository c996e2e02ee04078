import Link from "next/link";
import { getDb } from "@/db/client";
import { publicUrl } from "@/server/config/env";
import { channelKinds, type ChannelKind } from "@/server/domain/channel-config";
import { channelViews } from "@/server/services/channels";
import { inboundQueueHealth } from "@/server/services/inbound-queue";
import { AdminFrame } from "../admin-frame";
import { TextField } from "../field";
import { requireAdmin } from "../require-admin";
import type { StatusParams } from "../status";
import { badgeClass, buttonClass, captionClass, cardClass, secondaryButtonClass, tableClass, tdClass, thClass } from "../styles";
import { createChannelAction, dismissSecretsAction } from "./actions";
import { ChannelFields } from "./channel-fields";
import { fieldLabels } from "./form-fields";
import { readNewSecrets } from "./new-secrets";
import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm } from "@/app/_lib/kept-form";

export default async function ChannelsPage({ searchParams }: { searchParams: Promise<StatusParams> }) {
  const { t } = await requireAdmin();
  const params = await searchParams;
  const channels = channelViews(getDb(), publicUrl());
  const inbound = inboundQueueHealth(getDb());
  const add: ChannelKind = channelKinds.find((k) => k === params.add) ?? "whatsapp";
  const kept = await keptForm(`channel.create:${add}`);
  const fresh = await readNewSecrets();
  const fieldLabel = (key: string) => (fieldLabels[key] ? t(fieldLabels[key]) : key);
  return (
    <AdminFrame t={t} current="channels" title={t("admin.channels.title")} params={params}>
      {fresh && (
        <section aria-labelledby="new-secrets" className="space-y-3 rounded-xl bg-amber-50 p-6 ring-1 ring-amber-300" data-testid="new-secrets">
          <h2 id="new-secrets" className="text-base font-semibold">{t("admin.channels.generated.title")}</h2>
          <p className="text-sm">{t("admin.channels.generated.body", { id: fresh.channelId })}</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {Object.entries(fresh.secrets).map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="font-medium">{fieldLabel(key)}</dt>
                <dd><code className="break-all select-all">{value}</code></dd>
              </div>
            ))}
          </dl>
          <form action={dismissSecretsAction}>
            <button type="submit" className={secondaryButtonClass}>{t("admin.channels.generated.dismiss")}</button>
          </form>
        </section>
      )}

      {inbound.failing > 0 ? (
        <p role="alert" data-testid="inbound-failing" className="rounded-lg bg-red-50 p-4 text-sm text-red-900 ring-1 ring-red-200">
          {t("admin.channels.inbound.failing", { count: inbound.failing, attempts: inbound.maxAttempts, error: inbound.lastError ?? "" })}
        </p>
      ) : inbound.waiting > 0 ? (
        <p role="status" data-testid="inbound-waiting" className="text-sm text-slate-600">{t("admin.channels.inbound.waiting", { count: inbound.waiting })}</p>
      ) : null}

      <div className="overflow-x-auto">
        <table className={tableClass} data-testid="channels-table">
          <caption className={captionClass}>{t("admin.channels.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={thClass}>{t("admin.channels.col.name")}</th>
              <th scope="col" className={thClass}>{t("admin.channels.col.type")}</th>
              <th scope="col" className={thClass}>{t("admin.channels.col.webhook")}</th>
              <th scope="col" className={thClass}>{t("admin.channels.col.verifyToken")}</th>
              <th scope="col" className={thClass}>{t("admin.channels.col.secrets")}</th>
              <th scope="col" className={thClass}>{t("admin.channels.col.status")}</th>
              <th scope="col" className={thClass}>{t("admin.common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {channels.length === 0 && (
              <tr>
                <td colSpan={7} className={`${tdClass} text-slate-600`}>{t("admin.common.empty")}</td>
              </tr>
            )}
            {channels.map((c) => (
              <tr key={c.id} data-testid={`channel-${c.id}`}>
                <th scope="row" className={`${tdClass} font-medium`}>{c.name}</th>
                <td className={tdClass}>
                  {t(`admin.channels.type.${c.type}`)}
                  {c.config.zenviaChannel && <> ({t(`admin.channels.type.${c.config.zenviaChannel === "instagram" ? "instagram" : "whatsapp"}`)})</>}
                </td>
                <td className={tdClass}><code className="break-all select-all">{c.webhookUrl}</code></td>
                <td className={tdClass}>
                  {c.config.verifyToken ? <code className="break-all select-all">{c.config.verifyToken}</code> : t("admin.common.none")}
                </td>
                <td className={tdClass}>
                  {Object.keys(c.secrets).length === 0 ? (
                    t("admin.common.none")
                  ) : (
                    <ul>
                      {Object.entries(c.secrets).map(([key, masked]) => (
                        <li key={key}>
                          {fieldLabel(key)}: <code>{masked}</code>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className={tdClass}>
                  <span className={badgeClass}>{c.active ? t("admin.common.active") : t("admin.common.inactive")}</span>
                </td>
                <td className={tdClass}>
                  <Link href={`/admin/channels/${c.id}`} className="font-medium text-brand-700 underline underline-offset-4">
                    {t("admin.common.edit")}
                    <span className="sr-only"> {c.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="add-channel" className={cardClass}>
        <h2 id="add-channel" className="mb-3 text-base font-semibold">{t("admin.channels.add.title")}</h2>
        <nav aria-label={t("admin.channels.add.choose")} className="mb-4">
          <ul className="flex flex-wrap gap-2 text-sm">
            {channelKinds.map((k) => (
              <li key={k}>
                <Link
                  href={`/admin/channels?add=${k}#add-channel`}
                  aria-current={k === add ? "true" : undefined}
                  className={k === add ? "block rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white underline underline-offset-4" : `block ${secondaryButtonClass}`}
                >
                  {t(`admin.channels.type.${k}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <form action={createChannelAction} className="grid gap-4 sm:grid-cols-2" aria-label={t("admin.channels.add.form", { type: t(`admin.channels.type.${add}`) })}>
          <input type="hidden" name="type" value={add} />
          <KeepForm id={kept.id} />
          <TextField id={`new-${add}-name`} name="name" required maxLength={80} autoComplete="off" defaultValue={kept.value("name")} label={t("admin.channels.field.name")} />
          <ChannelFields t={t} type={add} idPrefix={`new-${add}`} kept={kept.value} />
          <div className="sm:col-span-2">
            <button type="submit" className={buttonClass}>{t("admin.channels.add.submit")}</button>
          </div>
        </form>
      </section>
    </AdminFrame>
  );
}
