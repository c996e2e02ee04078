"use client";

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { dayKey, formatDay } from "@/server/i18n/format";
import type { Locale } from "@/server/i18n/locale";
import type { ShownMessage } from "@/server/services/shown-message";
import { subsetTranslator, type MessageSubset } from "@/server/i18n/subset";
import { retryMessageAction } from "../actions";
import { MessageItem, type MessageContext } from "../_components/message-item";
import { DeleteMessageForm } from "../_components/moderation-forms";
import { useLive } from "./live-inbox";

// Within this distance of the bottom the agent is reading the newest messages, and new ones scroll in.
const NEAR_BOTTOM_PX = 120;

export interface LiveMessagesProps {
  earlier: ShownMessage[];
  showEarlierHref: string | null;
  dict: MessageSubset;
  locale: Locale;
  timeZone: string;
  now: number;
  names: Record<number, string>;
  reasons: Record<number, string>;
  isAdmin: boolean;
  returnTo: string;
  /** The first message the assignee had not seen when the chat opened: a "new messages" divider goes above it. */
  firstUnreadId: number | null;
}

/**
 * The open chat's messages, as live updates keep them. The chat opens at its newest message; while the
 * agent has scrolled up to read, new messages do not move the view but show a "↓ N new" button.
 */
export function LiveMessages(props: LiveMessagesProps) {
  const { earlier, showEarlierHref, dict, locale, timeZone, now, names, reasons, isAdmin, returnTo, firstUnreadId } = props;
  const chat = useLive((s) => s.chat);
  const list = useRef<HTMLOListElement>(null);
  const seen = useRef<number>(chat?.messages.at(-1)?.id ?? 0);
  const atBottom = useRef(true);
  const [unseen, setUnseen] = useState(0);
  const t = useMemo(() => subsetTranslator(dict, locale), [dict, locale]);
  const ctx: MessageContext = useMemo(
    () => ({
      locale,
      timeZone,
      t,
      userName: (id) => (id ? names[id] ?? `#${id}` : t("system.someone")),
      reasonLabel: (id) => (id ? reasons[id] ?? `#${id}` : ""),
    }),
    [locale, timeZone, t, names, reasons],
  );

  const messages = chat?.messages ?? [];
  const newest = messages.at(-1)?.id ?? 0;

  // Open at the first unread message when there is one, at the newest otherwise.
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const divider = el.querySelector<HTMLElement>("[data-testid='unread-divider']");
    if (divider) {
      el.scrollTop = divider.offsetTop - el.offsetTop - 8;
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    } else el.scrollTop = el.scrollHeight;
  }, [chat?.id]);

  useEffect(() => {
    const el = list.current;
    if (!el || newest <= seen.current) return;
    if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
      seen.current = newest;
    } else setUnseen(messages.filter((m) => m.id > seen.current).length);
  }, [newest, messages]);

  const onScroll = () => {
    const el = list.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (atBottom.current && unseen) {
      seen.current = newest;
      setUnseen(0);
    }
  };
  const jump = () => {
    const el = list.current;
    if (el) el.scrollTo({ top: el.scrollHeight, behavior: "smooth" });
    atBottom.current = true;
    seen.current = newest;
    setUnseen(0);
  };

  const attachmentsByMessage = new Map<number, NonNullable<typeof chat>["attachments"]>();
  for (const a of chat?.attachments ?? []) attachmentsByMessage.set(a.messageId, [...(attachmentsByMessage.get(a.messageId) ?? []), a]);
  const today = dayKey(now, timeZone);
  const yesterday = dayKey(now - 86_400_000, timeZone);
  let lastDay = "";

  return (
    <div className="relative flex min-h-[55dvh] flex-1 flex-col md:min-h-0">
      {/* Focusable so the keyboard can scroll it, whatever it holds. */}
      <ol ref={list} onScroll={onScroll} tabIndex={0} aria-label={t("chat.messages")} className="min-h-0 flex-1 overflow-y-auto bg-slate-50 px-4 py-2" data-testid="messages" aria-live="polite">
        {showEarlierHref && (
          <li className="my-2 text-center text-sm">
            <a href={showEarlierHref} data-testid="show-earlier" className="text-brand-700 underline">{t("chat.showEarlier")}</a>
          </li>
        )}
        {earlier.length > 0 && (
          <li className="opacity-75" data-testid="earlier-messages">
            <ol>
              {earlier.map((m) => <MessageItem key={`e-${m.id}`} message={m} attachments={[]} ctx={ctx} />)}
            </ol>
            <p className="my-3 border-t border-dashed border-slate-300 pt-1 text-center text-xs text-slate-500">{t("chat.earlierEnd")}</p>
          </li>
        )}
        {messages.map((m) => {
          const day = dayKey(m.createdAt, timeZone);
          const separator =
            day !== lastDay ? (
              <li key={`d-${day}`} className="msg-day">
                {day === today ? t("day.today") : day === yesterday ? t("day.yesterday") : formatDay(m.createdAt, locale, timeZone)}
              </li>
            ) : null;
          lastDay = day;
          const divider =
            m.id === firstUnreadId ? (
              <li key="unread" data-testid="unread-divider" className="my-2 flex items-center gap-2 text-xs font-semibold text-brand-700">
                <span className="h-px flex-1 bg-brand-600" aria-hidden="true" />
                {t("chat.unreadDivider")}
                <span className="h-px flex-1 bg-brand-600" aria-hidden="true" />
              </li>
            ) : null;
          const retry = m.status === "failed" && m.direction === "out";
          const canDelete = isAdmin && m.kind !== "system" && !m.deletedAt;
          const footer =
            retry || canDelete ? (
              <>
                {retry && (
                  <form action={retryMessageAction} className="text-right">
                    <input type="hidden" name="messageId" value={m.id} />
                    <input type="hidden" name="returnTo" value={returnTo} />
                    <button type="submit" className="text-xs font-medium text-red-800 underline">{t("msg.retry")}</button>
                  </form>
                )}
                {canDelete && <DeleteMessageForm messageId={m.id} returnTo={returnTo} t={t} />}
              </>
            ) : undefined;
          return [separator, divider, <MessageItem key={m.id} message={m} attachments={attachmentsByMessage.get(m.id) ?? []} ctx={ctx} footer={footer} />];
        })}
      </ol>
      {unseen > 0 && (
        <button type="button" onClick={jump} data-testid="new-messages" className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full bg-brand-700 px-3 py-1 text-sm text-white shadow">
          {t("chat.newMessages", { count: unseen })}
        </button>
      )}
    </div>
  );
}
