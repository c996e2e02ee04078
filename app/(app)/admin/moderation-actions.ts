"use server";

import { getDb } from "@/db/client";
import { requestLocale } from "@/server/i18n/request";
import { systemClock } from "@/server/services/clock";
import { deleteChat, deleteMessage } from "@/server/services/deletion";
import { checked, id, text } from "./form-data";
import { adminUser, deny, failureTarget } from "./run-action";
import { safeReturnTo, withStatus, type OkCode } from "./status";
import { redirectAfterForm } from "@/app/_lib/redirect-after-form";

// Deleting a message or a whole chat is an admin right used from the chat screen: the inbox renders
// the forms (messageId or chatId, a `confirm` checkbox, and `returnTo`), these actions do the work.

async function moderate(form: FormData, ok: OkCode, run: (viewer: { id: number; role: "admin" | "agent" }, now: number) => void): Promise<never> {
  const back = safeReturnTo(text(form, "returnTo"), "/inbox");
  const viewer = await adminUser("deleteMessages");
  if (!checked(form, "confirm")) await redirectAfterForm(withStatus(back, { formError: "confirm" }));
  let target: string | null;
  try {
    run(viewer, systemClock());
    target = withStatus(back, { ok });
  } catch (error) {
    target = failureTarget(back, error, (await requestLocale(viewer.locale)).t);
  }
  if (target === null) return deny();
  return redirectAfterForm(target);
}

export async function deleteMessageAction(form: FormData): Promise<void> {
  await moderate(form, "message.deleted", (viewer, now) => deleteMessage(getDb(), viewer, id(form, "messageId"), now));
}

export async function deleteChatAction(form: FormData): Promise<void> {
  await moderate(form, "chat.deleted", (viewer, now) => deleteChat(getDb(), viewer, id(form, "chatId"), now));
}
