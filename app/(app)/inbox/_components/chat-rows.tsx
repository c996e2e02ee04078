"use client";

import type { ChatRowItem } from "@/server/services/inbox-items";
import { OfferCountdown } from "../../_routing/offer-countdown";
import { ChannelIcon } from "./channel-icon";
import { RowWait } from "./row-wait";

/**
 * The rows of the chat list (server/services/inbox-items.ts prepares them: every text already translated and
 * formatted). The links are plain links (see SoftLinks); without JavaScript they just work.
 */
export interface ChatRowLabels {
  list: string;
  pending: string;
  due: string;
  mentioned: string;
  /** With a {count} placeholder. */
  unread: string;
  withBot: string;
}

export function ChatRows({ rows, current, labels }: { rows: (ChatRowItem & { href: string })[]; current: number | undefined; labels: ChatRowLabels }) {
  return (
    <ul aria-label={labels.list} className="divide-y divide-slate-100">
      {rows.map((row) => (
        <li key={row.id} className="relative">
          <a href={row.href} data-chat-link data-testid="chat-row" data-unread={row.unread > 0 ? row.unread : undefined} aria-current={row.id === current ? "true" : undefined} className="chat-row">
            <span className="chat-row-top">
              <ChannelIcon type={row.channel} />
              <span className={row.unread > 0 ? "chat-row-name font-bold" : "chat-row-name"}>{row.name}</span>
              {row.mentioned && (
                <span data-testid="mention-mark" title={labels.mentioned} className="shrink-0 rounded-full bg-sky-700 px-1.5 text-xs font-bold text-white">
                  <span aria-hidden="true">@</span>
                  <span className="sr-only">{labels.mentioned}</span>
                </span>
              )}
              <time dateTime={row.at} data-testid="row-time" className={`ml-auto shrink-0 text-xs ${row.unread > 0 ? "font-bold text-slate-900" : "text-slate-600"}`}>{row.time}</time>
            </span>
            <span className="flex items-center gap-2">
              <span className={row.unread > 0 ? "chat-row-preview min-w-0 flex-1 font-semibold text-slate-900" : "chat-row-preview min-w-0 flex-1"}>{row.preview}</span>
              {row.unread > 0 && (
                <span data-testid="unread-count" aria-label={labels.unread.replace("{count}", String(row.unread))} className="mt-0.5 shrink-0 rounded-full bg-brand-700 px-1.5 text-xs font-bold text-white">
                  {row.unread}
                </span>
              )}
            </span>
            {/* The state badges sit on their own line: on the top line a long Spanish label left a name five letters wide. */}
            <span className="chat-row-meta">
              {row.pending && <span data-testid="pending-mark" className="badge-pending">{labels.pending}</span>}
              {row.due && <span className="badge-due">{labels.due}</span>}
              {row.withBot && <span data-testid="bot-mark" className="badge-bot">{labels.withBot}</span>}
              <span className="min-w-0 truncate" data-testid="row-meta">{row.countdown ? <OfferCountdown text={row.countdown.text} until={row.countdown.until} initial={row.meta} /> : row.aging ? <RowWait aging={row.aging} initial={row.meta} /> : row.meta}</span>
            </span>
          </a>
          {/* The row's action menu: opens the chat with its Close / Schedule / Assign panel expanded. */}
          <a href={`${row.href}#close-reason`} aria-label={row.menuLabel} className="chat-row-menu">⋯</a>
        </li>
      ))}
    </ul>
  );
}
