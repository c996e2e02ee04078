import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { publicUrl } from "@/server/config/env";
import { channelViews } from "@/server/services/channels";
import { csatSettingsByChannel } from "@/server/services/csat-settings";
import { AdminFrame } from "../../admin-frame";
import { TextField } from "../../field";
import { requireAdmin } from "../../require-admin";
import type { StatusParams } from "../../status";
import { buttonClass, cardClass } from "../../styles";
import { editChannelAction } from "../actions";
import { ChannelFields } from "../channel-fields";
import { CsatForm } from "../csat-form";
import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm } from "@/app/_lib/kept-form";

export default async function EditChannelPage(props: { params: Promise<{ id: string }>; searchParams: Promise<StatusParams> }) {
  const { t } = await requireAdmin();
  const channelId = Number((await props.params).id);
  const channel = channelViews(getDb(), publicUrl()).find((c) => c.id === channelId);
  if (!channel) notFound();
  const csat = csatSettingsByChannel(getDb()).find((c) => c.channelId === channel.id)!;
  const prefix = `edit-${channel.id}`;
  const kept = await keptForm(`channel.edit:${channel.id}`);
  return (
    <AdminFrame t={t} current="channels" title={t("admin.channels.edit.title", { name: channel.name })} params={await props.searchParams}>
      <p>
        <Link href="/admin/channels" className="text-sm font-medium text-brand-700 underline underline-offset-4">{t("admin.channels.edit.back")}</Link>
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">{t("admin.channels.col.type")}</dt>
        <dd>{t(`admin.channels.type.${channel.type}`)}</dd>
        <dt className="font-medium">{t("admin.channels.col.webhook")}</dt>
        <dd><code className="break-all select-all">{channel.webhookUrl}</code></dd>
      </dl>
      <form action={editChannelAction} className={`${cardClass} grid gap-4 sm:grid-cols-2`}>
        <input type="hidden" name="channelId" value={channel.id} />
        <input type="hidden" name="type" value={channel.type} />
        <KeepForm id={kept.id} />
        <TextField id={`${prefix}-name`} name="name" required maxLength={80} defaultValue={kept.value("name") ?? channel.name} autoComplete="off" label={t("admin.channels.field.name")} />
        <ChannelFields t={t} type={channel.type} idPrefix={prefix} current={channel.config} kept={kept.value} />
        <div className="flex items-center gap-2 sm:col-span-2">
          <input id={`${prefix}-active`} type="checkbox" name="active" defaultChecked={kept.held ? kept.value("active") !== undefined : channel.active} className="h-4 w-4" />
          <label htmlFor={`${prefix}-active`} className="text-sm font-medium">{t("admin.channels.edit.active")}</label>
        </div>
        <div className="sm:col-span-2">
          <button type="submit" className={buttonClass}>{t("admin.channels.edit.submit")}</button>
        </div>
      </form>
      <CsatForm t={t} csat={csat} />
    </AdminFrame>
  );
}
