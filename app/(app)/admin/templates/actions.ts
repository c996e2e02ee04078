"use server";

import { templates } from "@/server/services/catalog";
import { id, text } from "../form-data";
import { requireConfirmation, runAdminAction } from "../run-action";

/** Back to the channel the form was for; a forged id only changes which list shows. */
const backTo = (form: FormData) => {
  const channel = Number(text(form, "channelId"));
  return Number.isSafeInteger(channel) && channel > 0 ? `/admin/templates?channel=${channel}` : "/admin/templates";
};

export async function createTemplateAction(form: FormData): Promise<void> {
  await runAdminAction("manageTemplates", backTo(form), "template.created", ({ db, actor }) => {
    templates.create(
      db,
      { channelId: id(form, "channelId"), name: text(form, "name"), language: text(form, "language"), body: text(form, "body") },
      actor,
    );
  }, form);
}

export async function deleteTemplateAction(form: FormData): Promise<void> {
  await requireConfirmation(form, "manageTemplates", backTo(form));
  await runAdminAction("manageTemplates", backTo(form), "template.deleted", ({ db, actor }) => {
    templates.remove(db, id(form, "templateId"), actor);
  });
}
