"use server";

import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { serverApi } from "@/server/api/caller";
import { currentUser } from "@/server/auth/session";
import { getDb } from "@/db/client";
import { badRequest, isDomainError } from "@/server/domain/errors";
import { localDateTimeToUtc } from "@/server/domain/time-zone";
import { sendAttachment } from "@/server/services/upload";
import { translateError } from "@/server/i18n/locale";
import { requestLocale } from "@/server/i18n/request";
import { safeReturnTo, withOutcome } from "@/app/_lib/form-redirect";
import { forgetKeptForm, keepRefusedForm } from "@/app/_lib/kept-form";
import { redirectAfterForm } from "@/app/_lib/redirect-after-form";

// Every form in the inbox posts here, so the pages work without JavaScript. Each action calls the same
// tRPC procedure the JSON API exposes; errors come back to the page as a message in the URL.

type Api = Awaited<ReturnType<typeof serverApi>>;

async function perform(formData: FormData, work: (api: Api) => Promise<unknown>, ok = "ok", after?: (result: unknown) => string | undefined): Promise<never> {
  let target = safeReturnTo(formData.get("returnTo"), "/inbox");
  let error: string | undefined;
  let forbidden = false;
  try {
    const result = await work(await serverApi());
    target = after?.(result) ?? target;
  } catch (err) {
    if (err instanceof TRPCError && err.code === "UNAUTHORIZED") redirect("/login");
    const rule = isDomainError(err) ? err : err instanceof TRPCError && isDomainError(err.cause) ? err.cause : null;
    forbidden = rule?.code === "FORBIDDEN" || (err instanceof TRPCError && err.code === "FORBIDDEN");
    if (rule) error = translateError((await requestLocale((await currentUser())?.locale)).t, rule);
    // zod's own wording is English and names fields, not what the agent typed: a form-level message instead.
    else if (err instanceof z.ZodError || (err instanceof TRPCError && err.cause instanceof z.ZodError)) error = (await requestLocale((await currentUser())?.locale)).t("error.input");
    else if (err instanceof TRPCError) error = err.message;
    else throw err;
  }
  // What was typed comes back with the refusal (not for a refusal of who you are: nothing to retry there).
  if (error === undefined) await forgetKeptForm(formData, target);
  else if (!forbidden) await keepRefusedForm(formData, target);
  return redirectAfterForm(withOutcome(target, error ? { error } : { ok }));
}

const int = z.coerce.number().int().positive();
const chatId = (fd: FormData) => int.parse(fd.get("chatId"));
const text = (fd: FormData, name: string) => String(fd.get(name) ?? "");

export async function closeChatAction(formData: FormData): Promise<void> {
  await perform(formData, (api) => api.chats.close({ chatId: chatId(formData), reasonId: int.parse(formData.get("reasonId")) }));
}

export async function scheduleChatAction(formData: FormData): Promise<void> {
  const user = await currentUser();
  await perform(formData, (api) =>
    api.chats.schedule({
      chatId: chatId(formData),
      at: localDateTimeToUtc(text(formData, "at"), user?.timeZone ?? "UTC"),
      note: text(formData, "note").trim() || null,
    }),
  );
}

export async function cancelScheduleAction(formData: FormData): Promise<void> {
  await perform(formData, (api) => api.chats.cancelSchedule({ chatId: chatId(formData) }));
}

export async function acknowledgeReminderAction(formData: FormData): Promise<void> {
  await perform(formData, (api) => api.chats.acknowledgeReminder({ chatId: chatId(formData) }));
}

export async function assignChatAction(formData: FormData): Promise<void> {
  const expected = text(formData, "expectedAssigneeId");
  await perform(
    formData,
    (api) =>
      api.chats.assign({
        chatId: chatId(formData),
        userId: int.parse(formData.get("userId")),
        expectedAssigneeId: expected === "" ? null : int.parse(expected),
        note: text(formData, "transferNote") || null,
      }),
    "ok",
    // After a transfer the chat is someone else's: back to the list it was opened from.
    (result) => {
      const r = result as { type: string };
      const back = new URL(safeReturnTo(formData.get("returnTo"), "/inbox"), "http://charla.invalid");
      back.searchParams.delete("chat");
      back.searchParams.delete("messages");
      return r.type === "transfer" ? `${back.pathname}${back.search}` : undefined;
    },
  );
}

export async function sendTextAction(formData: FormData): Promise<void> {
  await perform(formData, (api) => api.chats.send({ chatId: chatId(formData), content: { kind: "text", body: text(formData, "body") } }), "sent");
}

/** A quick reply picked from the list: the server fills in its variables for this chat. */
export async function sendQuickReplyAction(formData: FormData): Promise<void> {
  await perform(formData, (api) => api.quickReplies.send({ chatId: chatId(formData), quickReplyId: int.parse(formData.get("quickReplyId")) }), "sent");
}

export async function sendCallAction(formData: FormData): Promise<void> {
  await perform(formData, (api) => api.chats.send({ chatId: chatId(formData), content: { kind: "call" } }), "sent");
}

const num = (fd: FormData, name: string) => Number(text(fd, name).replace(",", "."));

export async function sendLocationAction(formData: FormData): Promise<void> {
  await perform(
    formData,
    (api) =>
      api.chats.send({
        chatId: chatId(formData),
        content: { kind: "location", latitude: num(formData, "latitude"), longitude: num(formData, "longitude"), name: text(formData, "name") || null, address: text(formData, "address") || null },
      }),
    "sent",
  );
}

export async function sendPaymentLinkAction(formData: FormData): Promise<void> {
  await perform(
    formData,
    (api) =>
      api.chats.send({
        chatId: chatId(formData),
        content: { kind: "payment_link", amount: num(formData, "amount"), currency: text(formData, "currency").toUpperCase(), description: text(formData, "description") },
      }),
    "sent",
  );
}

export async function sendTemplateAction(formData: FormData): Promise<void> {
  const [name = "", language = ""] = text(formData, "template").split("|");
  const variables = formData.getAll("variable").map(String);
  await perform(formData, (api) => api.chats.send({ chatId: chatId(formData), content: { kind: "template", name, language, variables } }), "sent");
}

export async function retryMessageAction(formData: FormData): Promise<void> {
  await perform(formData, (api) => api.chats.retry({ messageId: int.parse(formData.get("messageId")) }));
}

/** Files (and recorded audio) are bytes, not JSON: this one form calls the upload service directly. */
export async function sendFileAction(formData: FormData): Promise<void> {
  const user = await currentUser();
  if (!user) redirect("/login");
  await perform(
    formData,
    async () => {
      const file = formData.get("file");
      if (!(file instanceof File) || file.size === 0) throw badRequest("Choose a file to send.", { key: "error.media.choose" });
      return sendAttachment(getDb(), { viewer: user, now: Date.now() }, chatId(formData), {
        fileName: file.name || "file",
        mimeType: file.type || "application/octet-stream",
        bytes: Buffer.from(await file.arrayBuffer()),
        caption: text(formData, "caption").trim() || undefined,
      });
    },
    "sent",
  );
}
