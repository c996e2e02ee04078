import Link from "next/link";
import type { InboxRow } from "@/server/repositories/inbox";
import type { Locale, Translate } from "@/server/i18n/locale";
import { formatDateTime, formatDuration } from "../format";
import { inboxHref, type InboxState } from "../url";
import { ChannelIcon } from "./channel-icon";

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
  return (
    <div>
      <ul aria-label={t("inbox.list.label")} className="divide-y divide-slate-100">
        {rows.map((row) => {
          const selected = row.id === state.chat;
          const pending = row.status === "open" && row.awaitingReply;
          return (
            <li key={row.id} className="relative">
              <Link
                href={inboxHref(state, { chat: row.id })}
                data-chat-link
                data-testid="chat-row"
                aria-current={selected ? "true" : undefined}
                className={`block px-3 py-2 hover:bg-slate-50 ${selected ? "bg-brand-50" : ""}`}
              >
                <div className="flex items-center gap-2">
                  <ChannelIcon type={row.channelType} />
                  <span className="truncate font-medium">{row.contactName}</span>
                  {pending && (
                    <span data-testid="pending-mark" className="ml-auto shrink-0 rounded-full bg-amber-100 px-2 text-xs font-semibold text-amber-900">
                      {t("inbox.row.pending")}
                    </span>
                  )}
                  {row.reminderDue && <span className="ml-auto shrink-0 rounded-full bg-violet-600 px-2 text-xs text-white">{t("inbox.row.reminderDue")}</span>}
                </div>
                <p className="mt-0.5 truncate text-sm text-slate-600">{row.lastMessagePreview ?? ""}</p>
                <p className="mt-0.5 flex gap-2 text-xs text-slate-500">
                  <span>{row.assigneeName ?? t("inbox.row.unassigned")}</span>
                  {row.status === "open" && pending && row.waitingSince !== null && <span>· {t("inbox.row.waiting", { time: formatDuration(now - row.waitingSince, locale) })}</span>}
                  {row.status === "scheduled" && row.remindAt !== null && <span>· {t("inbox.row.remind", { time: formatDateTime(row.remindAt, locale, timeZone) })}</span>}
                  {row.status === "closed" && <span>· {t("inbox.row.closed", { reason: row.closeReasonKey ? t(`reason.${row.closeReasonKey}`) : (row.closeReason ?? "") })}</span>}
                </p>
              </Link>
              {/* The row's action menu: opens the chat with its Close / Schedule / Assign panel expanded. */}
              <Link
                href={`${inboxHref(state, { chat: row.id })}#close-reason`}
                aria-label={t("inbox.row.actions", { name: row.contactName })}
                className="absolute bottom-2 right-2 rounded px-1.5 text-slate-500 hover:bg-slate-200"
              >
                ⋯
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="flex justify-between p-3 text-sm">
        {state.cursor ? <Link href={inboxHref(state, { cursor: undefined, chat: undefined })} className="text-brand-700 underline">{t("inbox.firstPage")}</Link> : <span />}
        {nextCursor && <Link href={inboxHref(state, { cursor: nextCursor, chat: undefined })} className="text-brand-700 underline">{t("inbox.nextPage")}</Link>}
      </div>
    </div>
  );
}
