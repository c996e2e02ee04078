import type { Locale, Translate } from "@/server/i18n/locale";
import type { MentionedChatRow } from "@/server/repositories/mentions";
import { formatRowTime } from "@/server/i18n/row-time";
import { LiveMentionCount } from "../_live/live-mention-count";
import { inboxHref, type InboxState } from "../url";
import { ChannelIcon } from "./channel-icon";

/** The sidebar's way to the chats whose private notes mention the viewer, with how many are new. */
export function MentionsLink({ state, t }: { state: InboxState; t: Translate }) {
  const active = Boolean(state.mentions);
  return (
    <div className="px-2 md:pb-2">
      <a
        href={inboxHref({ section: state.section, status: state.status, mentions: "1" })}
        aria-current={active ? "page" : undefined}
        data-testid="section-mentions"
        className={`flex items-center justify-between gap-3 rounded-md px-3 py-2 text-sm ${active ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
      >
        <span>{t("mentions.title")}</span>
        <LiveMentionCount label={t("mentions.count")} />
      </a>
    </div>
  );
}

/** The chats a teammate's note mentions the viewer in, newest mention first; the new ones marked. */
export function MentionList(props: { rows: MentionedChatRow[]; state: InboxState; now: number; locale: Locale; timeZone: string; t: Translate }) {
  const { rows, state, now, locale, timeZone, t } = props;
  return (
    <>
      <h2 className="border-b border-slate-200 p-3 text-sm font-semibold">{t("mentions.title")}</h2>
      {!rows.length ? (
        <p className="p-4 text-sm text-slate-500" data-testid="mentions-empty">{t("mentions.empty")}</p>
      ) : (
        <ul aria-label={t("mentions.title")} className="divide-y divide-slate-100">
          {rows.map((r) => (
            <li key={r.chatId}>
              <a href={inboxHref(state, { chat: r.chatId })} data-testid="mention-row" aria-current={r.chatId === state.chat ? "true" : undefined} className="chat-row">
                <span className="chat-row-top">
                  <ChannelIcon type={r.channelType} />
                  <span className={r.unseen > 0 ? "chat-row-name font-bold" : "chat-row-name"}>{r.contactName}</span>
                  {r.unseen > 0 && <span data-testid="mention-new" className="shrink-0 rounded-full bg-sky-700 px-2 text-xs font-semibold text-white">{t("mentions.new")}</span>}
                  <time dateTime={new Date(r.mentionedAt).toISOString()} className="ml-auto shrink-0 text-xs text-slate-600">{formatRowTime(r.mentionedAt, now, locale, timeZone)}</time>
                </span>
                <span className="chat-row-preview">{r.noteBody ?? ""}</span>
                <span className="chat-row-meta">{t("mentions.by", { name: r.authorName ?? t("system.someone") })}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
