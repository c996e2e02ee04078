"use client";

import type { ChatRowItem } from "@/server/services/inbox-items";
import { ChannelIcon } from "./channel-icon";

/**
 * The rows of the chat list (server/services/inbox-items.ts prepares them: every text already translated and
 * formatted). The links are plain links (see SoftLinks); without JavaScript they just work.
 */
export function ChatRows({ rows, current, labels }: { rows: (ChatRowItem & { href: string })[]; current: number | undefined; labels: { list: string; pending: string; due: string } }) {
  return (
    <ul aria-label={labels.list} className="divide-y divide-slate-100">
      {rows.map((row) => (
        <li key={row.id} className="relative">
          <a href={row.href} data-chat-link data-testid="chat-row" aria-current={row.id === current ? "true" : undefined} className="chat-row">
            <span className="chat-row-top">
              <ChannelIcon type={row.channel} />
              <span className="chat-row-name">{row.name}</span>
              {row.pending && <span data-testid="pending-mark" className="badge-pending">{labels.pending}</span>}
              {row.due && <span className="badge-due">{labels.due}</span>}
            </span>
            <span className="chat-row-preview">{row.preview}</span>
            <span className="chat-row-meta">{row.meta}</span>
          </a>
          {/* The row's action menu: opens the chat with its Close / Schedule / Assign panel expanded. */}
          <a href={`${row.href}#close-reason`} aria-label={row.menuLabel} className="chat-row-menu">⋯</a>
        </li>
      ))}
    </ul>
  );
}
