import type { Translate } from "@/server/i18n/locale";
import { LiveChatRows } from "../_live/live-chat-rows";
import { inboxHref, type InboxState } from "../url";

/** The list of chats: rows kept current by live updates, and keyset page links. */
export function ChatList(props: { nextCursor: string | null; state: InboxState; t: Translate }) {
  const { nextCursor, state, t } = props;
  return (
    <div>
      <LiveChatRows state={state} labels={{ list: t("inbox.list.label"), pending: t("inbox.row.pending"), due: t("inbox.row.reminderDue"), empty: t("inbox.empty"), mentioned: t("inbox.row.mentioned"), unread: t("inbox.row.unread"), withBot: t("inbox.row.withBot") }} />
      <div className="flex justify-between p-3 text-sm">
        {state.cursor ? <a href={inboxHref(state, { cursor: undefined, chat: undefined })} className="text-brand-700 underline">{t("inbox.firstPage")}</a> : <span />}
        {nextCursor && <a href={inboxHref(state, { cursor: nextCursor, chat: undefined })} className="text-brand-700 underline">{t("inbox.nextPage")}</a>}
      </div>
    </div>
  );
}
