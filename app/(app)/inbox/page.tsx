import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { cache } from "react";
import { serverApi } from "@/server/api/caller";
import { requireUser } from "@/server/auth/session";
import { requestLocale } from "@/server/i18n/request";
import { ChatList } from "./_components/chat-list";
import { ChatPane, MESSAGE_PAGE, type ChatViewData } from "./_components/chat-pane";
import { AlertsToggle } from "./_components/alerts-toggle";
import { LiveInbox } from "./_live/live-inbox";
import { LiveTitle } from "./_live/live-counts";
import type { LiveState } from "./_live/live-state";
import { countsFingerprint, pollIntervals } from "@/server/services/live-delta";
import { queueCounts } from "@/server/services/routing/overview";
import { getDb } from "@/db/client";
import { chatRowItem } from "@/server/services/inbox-items";
import { shownAttachment, shownMessage } from "@/server/services/shown-message";
import { replyWindow } from "@/server/domain";
import { SearchResults } from "./_components/search-results";
import { MentionList, MentionsLink } from "./_components/mentions";
import { SectionNav, StatusTabs } from "./_components/section-nav";
import { Shortcuts } from "./_components/shortcuts";
import { SoftLinks } from "./_components/soft-links";
import { inboxHref, parseInboxState } from "./url";
import { TeamQueues } from "../_routing/team-queues";
import { withCarriedOutcome } from "@/app/_lib/redirect-after-form";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A refused or vanished chat shows the reason in the pane instead of breaking the whole inbox. */
async function loadChat(load: () => Promise<ChatViewData>): Promise<ChatViewData | string> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "FORBIDDEN" || err.code === "NOT_FOUND")) return err.message;
    throw err;
  }
}

/**
 * One read of the counters per request, shared by the tab title and the page. The change sequence is read
 * first, before anything the page shows: live updates then resend whatever changed during the render.
 */
const inboxCounters = cache(async () => {
  const api = await serverApi();
  const seq = await api.inbox.seq();
  const polled = await api.inbox.poll({});
  if (!polled.changed) throw new Error("a poll without a known version always carries the counters");
  return { ...polled, seq };
});

/**
 * The tab shows how many contacts wait, rendered by the server so it holds without JavaScript and
 * follows every live refresh (a client-side document.title raced Next's own head updates).
 */
export async function generateMetadata(): Promise<Metadata> {
  await requireUser();
  const { total } = await inboxCounters();
  return { title: total > 0 ? `(${total}) Charla` : "Charla" };
}

export default async function InboxPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const raw = await withCarriedOutcome(await searchParams);
  const state = parseInboxState(raw);
  const { locale, t } = await requestLocale(user.locale);
  const api = await serverApi();
  const now = Date.now();
  // Opening a chat reads it: its mentions of the viewer, and for its assignee its unread messages (refusals show in the pane).
  const opened = state.chat ? await api.chats.opened({ chatId: state.chat }).catch(() => undefined) : undefined;
  const [counts, settings] = await Promise.all([inboxCounters(), api.settings.get()]);
  if (!counts.sections.includes(state.section)) state.section = "mine";

  let searchError: string | null = null;
  const results = state.q
    ? await api.inbox.search({ text: state.q }).catch((err: unknown) => {
        searchError = err instanceof TRPCError ? err.message : String(err);
        return null;
      })
    : null;
  const mentionRows = state.mentions && !state.q ? await api.inbox.mentions() : null;
  const page = state.q || mentionRows ? null : await api.inbox.list({ section: state.section, status: state.status, pendingOnly: Boolean(state.pending), order: state.order, cursor: state.cursor, teamId: state.team });
  const chat = state.chat ? await loadChat(() => api.chats.get({ chatId: state.chat!, limit: state.messages ?? MESSAGE_PAGE })) : null;
  const extras =
    chat && typeof chat !== "string"
      ? await Promise.all([api.users.team(), api.closeReasons.list(), api.templates.list({ channelId: chat.channel.id }), api.quickReplies.list()])
      : null;
  const returnTo = inboxHref(state);
  const liveChat = chat && typeof chat !== "string" ? chat : null;
  // The queue view's figures are live counters too (issue 13); TeamQueues renders the same ones first.
  const queues = queueCounts(getDb(), user);
  const initial: LiveState = {
    seq: counts.seq,
    counts: { sections: counts.sections, pending: counts.pending, total: counts.total, remindersDue: counts.remindersDue, mentions: counts.mentions, queues, fingerprint: countsFingerprint({ ...counts, queues }) },
    list: page ? { ids: page.rows.map((r) => r.id), rows: Object.fromEntries(page.rows.map((r) => [r.id, chatRowItem(r, now, locale, user.timeZone, t)])), nextCursor: page.nextCursor } : null,
    chat: liveChat ? { id: liveChat.chat.id, messages: liveChat.messages.map(shownMessage), attachments: liveChat.attachments.map(shownAttachment) } : null,
  };
  // Whether the open chat's composer shows: a contact writing again into a closed 24-hour window re-renders it.
  const windowOpen = !liveChat || liveChat.chat.status === "closed" || liveChat.channel.type === "webchat" || replyWindow(liveChat.chat.lastInboundAt, now).open;
  const liveView = {
    locale,
    list: page ? { section: state.section, status: state.status, pendingOnly: Boolean(state.pending), order: state.order, cursor: state.cursor, teamId: state.team } : undefined,
    windowOpen,
  };
  const flash = typeof raw.error === "string" ? { kind: "error", text: raw.error } : raw.ok ? { kind: "ok", text: t(raw.ok === "sent" ? "flash.sent" : "flash.ok") } : null;

  return (
    <LiveInbox initial={initial} view={liveView} intervals={pollIntervals(settings.pollIntervalSeconds)} alertTexts={{ pending: t("notify.pending"), reminder: t("notify.reminder") }}>
    <LiveTitle />
    <div className="flex h-full min-h-0 flex-col md:flex-row">
      <h1 className="sr-only">{t("shell.inbox")}: {t(`section.${state.section}`)}</h1>
      <aside className={`w-full shrink-0 flex-col border-b border-slate-200 bg-white md:flex md:w-56 md:border-r md:border-b-0 ${chat ? "hidden" : "flex"}`}>
        <form action="/inbox" method="get" role="search" className="p-2">
          <label htmlFor="inbox-search" className="sr-only">{t("inbox.search.label")}</label>
          <input id="inbox-search" name="q" type="search" defaultValue={state.q ?? ""} placeholder={t("inbox.search.label")} className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </form>
        <SectionNav state={state} sections={counts.sections} t={t} />
        <MentionsLink state={state} t={t} />
        <TeamQueues state={state} viewer={user} now={now} locale={locale} t={t} />
        <SoftLinks />
        <div className="mt-auto hidden md:block">
          <AlertsToggle label={t("notify.toggle")} />
          <Shortcuts
            labels={{
              title: t("help.title"),
              open: t("help.open"),
              dismiss: t("help.dismiss"),
              rows: [["j", t("help.next")], ["k", t("help.prev")], ["c", t("help.close")], ["s", t("help.schedule")], ["a", t("help.assign")], ["r", t("help.composer")], ["Ctrl+Enter", t("help.send")], ["/", t("help.search")], ["?", t("help.help")]],
            }}
          />
        </div>
      </aside>

      <section aria-label={t("inbox.list.label")} className={`min-h-0 w-full flex-1 flex-col overflow-y-auto border-slate-200 bg-white md:flex md:w-80 md:flex-none md:shrink-0 md:border-r ${chat ? "hidden" : "flex"}`}>
        {state.q ? (
          <>
            <div className="flex items-center justify-between border-b border-slate-200 p-2 text-sm">
              <span className="truncate">“{state.q}”</span>
              <a href={inboxHref({ section: state.section, status: state.status })} className="text-brand-700 underline">{t("inbox.search.clear")}</a>
            </div>
            {searchError ? <p role="alert" className="p-3 text-sm text-red-700">{searchError}</p> : results && <SearchResults state={state} results={results} t={t} />}
          </>
        ) : mentionRows ? (
          <MentionList rows={mentionRows} state={state} now={now} locale={locale} timeZone={user.timeZone} t={t} />
        ) : (
          <>
            <StatusTabs state={state} t={t} />
            {page && <ChatList nextCursor={page.nextCursor} state={state} t={t} />}
          </>
        )}
      </section>

      <div className={`min-h-0 min-w-0 flex-1 flex-col ${chat ? "flex" : "hidden md:flex"}`}>
        {flash && (
          <p role={flash.kind === "error" ? "alert" : "status"} data-testid={`flash-${flash.kind}`} className={`px-4 py-2 text-sm ${flash.kind === "error" ? "bg-red-50 text-red-800" : "bg-green-50 text-green-800"}`}>
            {flash.text}
          </p>
        )}
        {typeof chat === "string" ? (
          <p role="alert" data-testid="chat-refused" className="p-6 text-sm text-red-800">{chat}</p>
        ) : chat && extras ? (
          <ChatPane
            view={chat}
            state={state}
            returnTo={returnTo}
            now={now}
            user={user}
            team={extras[0]}
            reasons={extras[1]}
            templates={extras[2]}
            quickReplies={extras[3]}
            unread={opened?.unread ?? 0}
            paymentEnabled={Boolean(settings.paymentLinkPattern)}
            currency={settings.currency}
            locale={locale}
            t={t}
          />
        ) : (
          <p className="m-auto text-slate-500">{t("inbox.selectChat")}</p>
        )}
      </div>
    </div>
    </LiveInbox>
  );
}
