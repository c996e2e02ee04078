"use server";

import { channelKinds } from "@/server/domain/channel-config";
import { publicUrl } from "@/server/config/env";
import { createChannel, editChannel } from "@/server/services/channels";
import { checked, id, oneOf, text } from "../form-data";
import { adminUser, runAdminAction } from "../run-action";
import { withStatus } from "../status";
import { channelFieldsFromForm } from "./form-fields";
import { forgetNewSecrets, rememberNewSecrets } from "./new-secrets";
import { redirectAfterForm } from "@/app/_lib/redirect-after-form";

export async function createChannelAction(form: FormData): Promise<void> {
  const type = text(form, "type");
  const back = `/admin/channels?add=${encodeURIComponent(type)}`;
  await runAdminAction("manageChannels", back, "channel.created", async ({ db, actor }) => {
    const kind = oneOf(form, "type", channelKinds);
    const view = createChannel(db, { type: kind, name: text(form, "name"), fields: channelFieldsFromForm(kind, form) }, actor, publicUrl());
    if (view.generatedSecrets && Object.keys(view.generatedSecrets).length > 0) {
      await rememberNewSecrets({ channelId: view.id, secrets: view.generatedSecrets });
    }
    return { to: `/admin/channels?created=${view.id}` };
  }, form);
}

export async function editChannelAction(form: FormData): Promise<void> {
  const raw = Number(text(form, "channelId"));
  const back = Number.isSafeInteger(raw) && raw > 0 ? `/admin/channels/${raw}` : "/admin/channels";
  await runAdminAction("manageChannels", back, "channel.updated", ({ db, actor }) => {
    const channelId = id(form, "channelId");
    const kind = oneOf(form, "type", channelKinds);
    editChannel(db, channelId, { name: text(form, "name"), active: checked(form, "active"), fields: channelFieldsFromForm(kind, form) }, actor, publicUrl());
    return { to: "/admin/channels" };
  }, form);
}

export async function dismissSecretsAction(): Promise<void> {
  await adminUser("manageChannels");
  await forgetNewSecrets();
  await redirectAfterForm(withStatus("/admin/channels", { ok: "secrets.dismissed" }));
}
