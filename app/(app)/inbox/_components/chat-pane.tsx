import Link from "next/link";
import { channelLabel, limitFor, networksOf, replyWindow, templateVariableCount, type ChannelRef } from "@/server/domain";
import { utcToLocalDateTime } from "@/server/domain/time-zone";
import type { Locale, Translate } from "@/server/i18n/locale";
import type { serverApi } from "@/server/api/caller";
import { formatDateTime } from "@/server/i18n/format";
import { keysWithPrefix } from "@/server/i18n/pick";
import { pickMessages } from "@/server/i18n/subset";
import { acknowledgeReminderAction, sendCallAction } from "../actions";
import { LiveMessages } from "../_live/live-messages";
import { inboxHref, type InboxState } from "../url";
import { shownMessage } from "@/server/services/shown-message";
import { ChannelIcon } from "./channel-icon";
import { addNoteAction } from "../agent-actions";
import { AssignToMe } from "./assign-to-me";
import { ChatActions } from "./chat-actions";
import { ChatRouting } from "../../_routing/chat-routing";
import { ChatBot } from "../../bot/chat-bot";
import { OpenFromHash } from "./open-from-hash";
import { ComposerArea } from "./composer-area";
import { TemplateForms } from "./composer-extras";
import { DeleteChatForm } from "./moderation-forms";
import { NoteForm } from "./note-form";
import { keptForm } from "@/app/_lib/kept-form";
import { SeenWhileOpen } from "./seen-while-open";

type Api = Awaited<ReturnType<typeof serverApi>>;
export type ChatViewData = Awaited<ReturnType<Api["chats"]["get"]>>;

/** Messages shown when a chat opens, and how many more each "Show earlier messages" adds (the API's limit caps it). */
export const MESSAGE_PAGE = 50;
const MAX_MESSAGES = 1000;
const LIVE_MESSAGE_KEYS = [...keysWithPrefix("msg.", "system.", "day."), "chat.showEarlier", "chat.earlierEnd", "chat.newMessages", "chat.messages", "chat.unreadDivider"] as const;

export interface ChatPaneProps {
  view: ChatViewData;
  state: InboxState;
  returnTo: string;
  now: number;
  user: { id: number; role: "admin" | "agent"; timeZone: string };
  team: { id: number; name: string; active: boolean }[];
  reasons: { id: number; label: string; active: boolean; systemKey: string | null }[];
  templates: { name: string; language: string; body: string }[];
  quickReplies: { id: number; shortcut: string; body: string }[];
  /** How many of the contact's newest messages the assignee had not seen: the pane opens at the first. */
  unread: number;
  paymentEnabled: boolean;
  /** The company currency the payment-link form starts with. */
  currency: string;
  locale: Locale;
  t: Translate;
}

export async function ChatPane(props: ChatPaneProps) {
  const { view, state, returnTo, now, user, team, reasons, templates, quickReplies, unread, paymentEnabled, currency, locale, t } = props;
  const { chat, earlier, contact, channel, assignee, messages, history } = view;
  const tz = user.timeZone;
  const keptNote = await keptForm(`note:${chat.id}`);
  const names = new Map(team.map((u) => [u.id, u.name]));
  // The system's own reasons are shown in the reader's language; the company's are shown as written.
  const reasonNames = new Map(reasons.map((r) => [r.id, r.systemKey === "transferred" || r.systemKey === "inactivity" ? t(`reason.${r.systemKey}`) : r.label]));
  const ref: ChannelRef = { type: channel.type, zenviaChannel: channel.zenviaChannel === "whatsapp" || channel.zenviaChannel === "instagram" ? channel.zenviaChannel : null };
  const limit = limitFor({ channelType: ref.type, zenviaChannel: ref.zenviaChannel, purpose: "reply" });
  const windowOpen = channel.type === "webchat" || replyWindow(chat.lastInboundAt, now).open;
  const whatsappLike = networksOf(ref).includes("whatsapp");
  const closed = chat.status === "closed";
  const canWrite = !closed && windowOpen;
  const offerTemplates = whatsappLike && (closed || !windowOpen);
  const hidden = (
    <>
      <input type="hidden" name="chatId" value={chat.id} />
      <input type="hidden" name="returnTo" value={returnTo} />
    </>
  );

  return (
    <section aria-label={contact.name} className="flex h-full min-h-0 flex-col overflow-y-auto md:overflow-hidden" data-testid="chat-pane" data-chat-id={chat.id}>
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-4 py-2">
        <a href={inboxHref(state, { chat: undefined })} className="text-sm text-brand-700 underline md:hidden">← {t("chat.back")}</a>
        <ChannelIcon type={channel.type} />
        <h2 className="text-lg font-semibold" data-testid="chat-contact-name">{contact.name}</h2>
        <span className="text-sm text-slate-600">{contact.phone ?? contact.handle ?? ""}</span>
        <span data-testid="chat-status" className="rounded bg-slate-100 px-2 py-0.5 text-xs">{t(`chatStatus.${chat.status}`)}</span>
        <span data-testid="chat-assignee" className="text-sm text-slate-600">{assignee ? t("chat.assignedTo", { name: assignee.name }) : t("chat.unassigned")}</span>
        <AssignToMe chat={chat} user={user} assigneeName={assignee?.name ?? null} returnTo={returnTo} t={t} />
        <div className="ml-auto flex items-center gap-2 text-sm">
          {contact.phone && !closed && (
            <form action={sendCallAction}>
              {hidden}
              <a href={`tel:+${contact.phone.replace(/[^\d]/g, "")}`} className="mr-2 text-brand-700 underline">{t("chat.call")}</a>
              <button type="submit" className="text-slate-600 underline">{t("chat.callLogged")}</button>
            </form>
          )}
          <Link href={`/contacts/${contact.id}`} className="text-brand-700 underline">{t("chat.contactHistory")}</Link>
        </div>
        {history.length > 1 && (
          <details className="w-full text-sm">
            <summary className="cursor-pointer text-slate-600">{t("chat.history")} ({history.length - 1})</summary>
            <ul className="mt-1 space-y-0.5">
              {history.filter((h) => h.id !== chat.id).map((h) => (
                <li key={h.id}>
                  <a className="text-brand-700 underline" href={inboxHref({ section: "all", status: h.status }, { chat: h.id })}>
                    {t("chat.historyItem", { id: h.id, date: formatDateTime(h.openedAt, locale, tz), status: t(`chatStatus.${h.status}`) })}
                  </a>
                </li>
              ))}
            </ul>
          </details>
        )}
        {user.role === "admin" && <DeleteChatForm chatId={chat.id} returnTo={inboxHref(state, { chat: undefined })} t={t} />}
      </header>

      <ChatRouting chat={chat} viewer={user} returnTo={returnTo} now={now} t={t} />
      <ChatBot chatId={chat.id} t={t} />
      {chat.reminderDue && (
        <form action={acknowledgeReminderAction} role="status" className="flex items-center gap-3 bg-violet-50 px-4 py-2 text-sm text-violet-900">
          {hidden}
          <span>{t("chat.reminderDue", { note: chat.remindNote ?? "" })}</span>
          <button type="submit" className="ml-auto underline">{t("chat.reminderDone")}</button>
        </form>
      )}
      {chat.status === "scheduled" && chat.remindAt && (
        <p className="bg-sky-50 px-4 py-2 text-sm text-sky-900">{t("chat.schedule.current", { time: formatDateTime(chat.remindAt, locale, tz) })}{chat.remindNote ? ` — ${chat.remindNote}` : ""}</p>
      )}

      <OpenFromHash />
      <ChatActions
        chat={chat}
        returnTo={returnTo}
        reasons={reasons}
        team={team}
        remindDefault={utcToLocalDateTime(chat.remindAt ?? now + 60 * 60_000, tz)}
        t={t}
      />

      <LiveMessages
        earlier={earlier.map(shownMessage)}
        showEarlierHref={view.hasEarlier && messages.length < MAX_MESSAGES ? inboxHref(state, { messages: Math.min(messages.length + MESSAGE_PAGE, MAX_MESSAGES) }) : null}
        dict={pickMessages(t, LIVE_MESSAGE_KEYS)}
        locale={locale}
        timeZone={tz}
        now={now}
        names={Object.fromEntries(names)}
        reasons={Object.fromEntries(reasonNames)}
        firstUnreadId={unread > 0 ? messages.filter((m) => m.direction === "in").at(-unread)?.id ?? null : null}
        isAdmin={user.role === "admin"}
        returnTo={returnTo}
      />

      {closed && <p className="bg-slate-100 px-4 py-2 text-sm text-slate-700">{t("chat.closedNotice", { reason: chat.closeReasonId ? reasonNames.get(chat.closeReasonId) ?? `#${chat.closeReasonId}` : "" })}</p>}
      {view.csat && (
        <p className="bg-amber-50 px-4 py-2 text-sm text-slate-800" data-testid="chat-csat">
          {t("chat.csat", { rating: view.csat.rating })}
          {view.csat.comment && <> — {view.csat.comment}</>}
        </p>
      )}
      {!closed && !windowOpen && (
        <p role="note" className="bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="window-closed">
          {whatsappLike ? t("composer.windowClosed") : t("composer.windowClosedInstagram")}
        </p>
      )}
      {offerTemplates && (
        <div className="border-t border-slate-200 bg-white p-3">
          <h3 className="mb-2 text-sm font-medium">{t("composer.template")}</h3>
          <TemplateForms chatId={chat.id} returnTo={returnTo} t={t} templates={templates.map((tpl) => ({ ...tpl, variableCount: templateVariableCount(tpl.body) }))} />
        </div>
      )}
      {canWrite && (
        <ComposerArea
          resetKey={messages.at(-1)?.id ?? 0}
          chatId={chat.id}
          returnTo={returnTo}
          limit={limit}
          channelName={channelLabel(ref)}
          quickReplies={quickReplies}
          people={{ contactName: contact.name, agentName: names.get(user.id) ?? "" }}
          paymentEnabled={paymentEnabled}
          currency={currency}
          templates={whatsappLike ? templates.map((tpl) => ({ ...tpl, variableCount: templateVariableCount(tpl.body) })) : []}
          handlerName={assignee && assignee.id !== user.id ? assignee.name : null}
          t={t}
        />
      )}
      <NoteForm
        key={`note-${messages.at(-1)?.id ?? 0}`}
        action={addNoteAction}
        chatId={chat.id}
        returnTo={returnTo}
        kept={{ id: keptNote.id, body: keptNote.value("body") }}
        team={team.filter((u) => u.active && u.id !== user.id).map((u) => ({ id: u.id, name: u.name }))}
        labels={{ title: t("note.title"), label: t("note.label"), hint: t("note.hint"), submit: t("note.submit"), suggestions: t("note.suggestions") }}
      />
      <SeenWhileOpen chatId={chat.id} />
    </section>
  );
}
