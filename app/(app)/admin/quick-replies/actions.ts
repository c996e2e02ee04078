"use server";

import { quickReplies } from "@/server/services/catalog";
import { id, text } from "../form-data";
import { requireConfirmation, runAdminAction } from "../run-action";

const BACK = "/admin/quick-replies";

export async function createQuickReplyAction(form: FormData): Promise<void> {
  await runAdminAction("manageQuickReplies", BACK, "quickReply.created", ({ db, actor }) => {
    quickReplies.create(db, { shortcut: text(form, "shortcut"), body: text(form, "body") }, actor);
  }, form);
}

export async function updateQuickReplyAction(form: FormData): Promise<void> {
  await runAdminAction("manageQuickReplies", BACK, "quickReply.updated", ({ db, actor }) => {
    quickReplies.update(db, id(form, "quickReplyId"), { shortcut: text(form, "shortcut"), body: text(form, "body") }, actor);
  }, form);
}

export async function deleteQuickReplyAction(form: FormData): Promise<void> {
  await requireConfirmation(form, "manageQuickReplies", BACK);
  await runAdminAction("manageQuickReplies", BACK, "quickReply.deleted", ({ db, actor }) => {
    quickReplies.remove(db, id(form, "quickReplyId"), actor);
  });
}
