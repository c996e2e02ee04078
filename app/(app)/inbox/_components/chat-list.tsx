import type { InboxRow } from "@/server/repositories/inbox";
import type { Locale, Translate } from "@/server/i18n/locale";
import { formatDateTime, formatDuration } from "@/server/i18n/format";
import { inboxHref, type InboxState } from "../url";
import { ChatRows, type ChatRowItem } from "./chat-rows";

function rowMeta(row: InboxRow, now: number, locale: Locale, timeZone: string, t: Translate): string {
  const who = row.assigneeName ?? t("inbox.row.unassigned");
  if (row.status === "open" && row.awaitingReply && row.waitingSince !== null) return `${who} · ${t("inbox.row.waiting", { time: formatDuration(now - row.waitingSince, locale) })}`;
  if (row.status === "scheduled" && row.remindAt !== null) return `${who} · ${t("inbox.row.remind", { time: formatDateTime(row.remindAt, locale, timeZone) })}`;
  if (row.status === "closed") return `${who} · ${t("inbox.row.closed", { reason: row.closeReasonKey ? t(`reason.${row.closeReasonKey}`) : (row.closeReason ?? "") })}`;
  return who;
}

export function ChatList(props: {
  rows: InboxRow[];
  nextCursor: string | null;
  state: InboxState;
  now: number;
  locale: Locale;
  timeZone: string;
  t: Translate;
}) {
  const { rows, nextCursor, state, now, locale, timeZone, t } = props;
  if (!rows.length) {
    return <p className="p-4 text-sm text-slate-500">{t("inbox.empty")}</p>;
  }
  const items: ChatRowItem[] = rows.map((row) => ({
    id: row.id,
    href: inboxHref(state, { chat: row.id }),
    name: row.contactName,
    channel: row.channelType,
    preview: row.lastMessagePreview ?? "",
    meta: rowMeta(row, now, locale, timeZone, t),
    pending: row.status === "open" && row.awaitingReply,
    due: row.reminderDue,
    menuLabel: t("inbox.row.actions", { name: row.contactName }),
  }));
  return (
    <div>
      <ChatRows rows={items} current={state.chat} labels={{ list: t("inbox.list.label"), pending: t("inbox.row.pending"), due: t("inbox.row.reminderDue") }} />
      <div className="flex justify-between p-3 text-sm">
        {state.cursor ? <a href={inboxHref(state, { cursor: undefined, chat: undefined })} className="text-brand-700 underline">{t("inbox.firstPage")}</a> : <span />}
        {nextCursor && <a href={inboxHref(state, { cursor: nextCursor, chat: undefined })} className="text-brand-700 underline">{t("inbox.nextPage")}</a>}
      </div>
    </div>
  );
}
