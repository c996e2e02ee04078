import { deleteChatAction, deleteMessageAction } from "../../admin/moderation-actions";
import type { Translate } from "@/server/i18n/locale";

// Only rendered for administrators; the actions check the role again on the server.

function ConfirmDeleteForm(props: {
  action: (form: FormData) => Promise<void>;
  field: { name: "messageId" | "chatId"; value: number };
  returnTo: string;
  summary: string;
  confirm: string;
  submit: string;
  testId: string;
  compact?: boolean;
}) {
  const { action, field, returnTo, summary, confirm, submit, testId, compact } = props;
  return (
    <details className={compact ? "mt-1 text-right text-xs" : "w-full text-sm"}>
      <summary className={`cursor-pointer ${compact ? "text-slate-500" : "text-red-700"}`}>{summary}</summary>
      <form action={action} className={`mt-1 flex flex-wrap items-center gap-2 ${compact ? "justify-end" : ""}`} data-testid={testId}>
        <input type="hidden" name={field.name} value={field.value} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <label className="flex items-center gap-1">
          <input type="checkbox" name="confirm" value="on" required />
          {confirm}
        </label>
        <button type="submit" className="rounded bg-red-700 px-2 py-0.5 text-white">{submit}</button>
      </form>
    </details>
  );
}

export function DeleteMessageForm({ messageId, returnTo, t }: { messageId: number; returnTo: string; t: Translate }) {
  return (
    <ConfirmDeleteForm
      compact
      action={deleteMessageAction}
      field={{ name: "messageId", value: messageId }}
      returnTo={returnTo}
      summary={t("msg.delete")}
      confirm={t("msg.deleteConfirm")}
      submit={t("msg.delete")}
      testId="delete-message-form"
    />
  );
}

export function DeleteChatForm({ chatId, returnTo, t }: { chatId: number; returnTo: string; t: Translate }) {
  return (
    <ConfirmDeleteForm
      action={deleteChatAction}
      field={{ name: "chatId", value: chatId }}
      returnTo={returnTo}
      summary={t("chat.delete")}
      confirm={t("chat.deleteConfirm")}
      submit={t("chat.delete")}
      testId="delete-chat-form"
    />
  );
}
