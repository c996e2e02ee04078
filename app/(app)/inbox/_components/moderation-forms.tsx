import { deleteChatAction, deleteMessageAction } from "../../admin/moderation-actions";
import type { Translate } from "@/server/i18n/locale";

// Only rendered for administrators; the actions check the role again on the server.

export function DeleteMessageForm({ messageId, returnTo, t }: { messageId: number; returnTo: string; t: Translate }) {
  return (
    <details className="mt-1 text-right text-xs">
      <summary className="cursor-pointer text-slate-500">{t("msg.delete")}</summary>
      <form action={deleteMessageAction} className="mt-1 flex items-center justify-end gap-2" data-testid="delete-message-form">
        <input type="hidden" name="messageId" value={messageId} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <label className="flex items-center gap-1">
          <input type="checkbox" name="confirm" value="on" required />
          {t("msg.deleteConfirm")}
        </label>
        <button type="submit" className="rounded bg-red-700 px-2 py-0.5 text-white">{t("msg.delete")}</button>
      </form>
    </details>
  );
}

export function DeleteChatForm({ chatId, returnTo, t }: { chatId: number; returnTo: string; t: Translate }) {
  return (
    <details className="w-full text-sm">
      <summary className="cursor-pointer text-red-700">{t("chat.delete")}</summary>
      <form action={deleteChatAction} className="mt-1 flex flex-wrap items-center gap-2" data-testid="delete-chat-form">
        <input type="hidden" name="chatId" value={chatId} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <label className="flex items-center gap-1">
          <input type="checkbox" name="confirm" value="on" required />
          {t("chat.deleteConfirm")}
        </label>
        <button type="submit" className="rounded bg-red-700 px-2 py-1 text-white">{t("chat.delete")}</button>
      </form>
    </details>
  );
}
