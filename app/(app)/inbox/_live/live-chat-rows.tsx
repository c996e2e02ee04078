"use client";

import { inboxHref, type InboxState } from "../url";
import { ChatRows, type ChatRowLabels } from "../_components/chat-rows";
import { useLive } from "./live-inbox";

/** The list beside the chat, as live updates keep it: rows enter, move and leave without a reload. */
export function LiveChatRows({ state, labels }: { state: InboxState; labels: ChatRowLabels & { empty: string } }) {
  const list = useLive((s) => s.list);
  if (!list || !list.ids.length) return <p className="p-4 text-sm text-slate-500" data-testid="list-empty">{labels.empty}</p>;
  const rows = list.ids.flatMap((id) => {
    const row = list.rows[id];
    return row ? [{ ...row, href: inboxHref(state, { chat: id }) }] : [];
  });
  return <ChatRows rows={rows} current={state.chat} labels={labels} />;
}
