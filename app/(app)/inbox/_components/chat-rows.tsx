"use client";

import { ChannelIcon } from "./channel-icon";

/** One chat row as the server prepared it: every text already translated and formatted. */
export interface ChatRowItem {
  id: number;
  href: string;
  name: string;
  channel: string;
  preview: string;
  meta: string;
  pending: boolean;
  due: boolean;
  menuLabel: string;
}

/**
 * The rows of the chat list. A client component so that the page carries the rows' data once, instead
 * of every row's markup twice (in the HTML and again in the payload React hydrates from): the list is
 * most of the inbox page. The links are plain links (see SoftLinks); without JavaScript they just work.
 */
export function ChatRows({ rows, current, labels }: { rows: ChatRowItem[]; current: number | undefined; labels: { list: string; pending: string; due: string } }) {
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
