import { canTakeChat } from "@/server/domain/assign-to-me";
import type { Viewer } from "@/server/domain";
import type { Translate } from "@/server/i18n/locale";
import { assignToMeAction } from "../agent-actions";

/**
 * "Assign to me" in the chat header: one click, a plain form (no JavaScript needed). On a teammate's chat it
 * is a transfer, and says so. The pane shows only chats the viewer may see, hence `true` for visibility.
 */
export function AssignToMe(props: { chat: { id: number; status: string; assigneeId: number | null }; user: Viewer; assigneeName: string | null; returnTo: string; t: Translate }) {
  const { chat, user, assigneeName, returnTo, t } = props;
  if (!canTakeChat(user, chat, true)) return null;
  const transfer = chat.assigneeId !== null;
  return (
    <form action={assignToMeAction} data-testid="assign-to-me-form">
      <input type="hidden" name="chatId" value={chat.id} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <input type="hidden" name="expectedAssigneeId" value={chat.assigneeId ?? ""} />
      <button
        type="submit"
        data-testid="assign-to-me"
        aria-describedby={transfer ? "assign-to-me-transfer" : undefined}
        className="rounded-md border border-brand-700 px-2 py-0.5 text-sm font-medium text-brand-700 hover:bg-brand-50"
      >
        {t("chat.assignToMe")}
      </button>
      {transfer && <span id="assign-to-me-transfer" className="sr-only">{t("chat.assignToMe.transfer", { name: assigneeName ?? `#${chat.assigneeId}` })}</span>}
    </form>
  );
}
