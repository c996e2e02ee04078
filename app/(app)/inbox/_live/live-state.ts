import type { DeltaAnswer, ListDelta, LiveCounts } from "@/server/services/live-delta";
import type { ChatRowItem } from "@/server/services/inbox-items";
import type { ShownAttachment, ShownMessage } from "@/server/services/shown-message";

// What an open inbox shows that live updates patch, and how one answer patches it. Pure, so the property
// test applies answers exactly as the browser does.

export interface LiveState {
  /** The newest change this state reflects. */
  seq: number;
  counts: LiveCounts & { fingerprint: string };
  /** The list beside the chat, absent while searching. */
  list: { ids: number[]; rows: Record<number, ChatRowItem>; nextCursor: string | null } | null;
  /** The open chat's messages, in id order, and their attachments. */
  chat: { id: number; messages: ShownMessage[]; attachments: ShownAttachment[] } | null;
}

/** What the browser must do besides patching: render the page again, or fetch the whole list. */
export interface Followups {
  refresh: boolean;
  fetchList: boolean;
}

function patchList(list: NonNullable<LiveState["list"]>, delta: ListDelta): { list: NonNullable<LiveState["list"]>; missing: boolean } {
  const rows: Record<number, ChatRowItem> = {};
  for (const row of delta.rows) rows[row.id] = row;
  let missing = false;
  for (const id of delta.ids) {
    if (rows[id]) continue;
    const known = delta.complete ? undefined : list.rows[id];
    if (known) rows[id] = known;
    else missing = true;
  }
  return { list: { ids: delta.ids, rows, nextCursor: delta.nextCursor }, missing };
}

function mergeById<T extends { id: number }>(current: T[], incoming: T[]): T[] {
  if (!incoming.length) return current;
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Ids whose rows never came (the whole-list fetch asked for them was lost): every answer asks again. */
function lacksRows(list: LiveState["list"]): boolean {
  return Boolean(list && list.ids.some((id) => !list.rows[id]));
}

/**
 * Applies one poll answer. Answers may come late, twice or out of order: one older than the state is
 * ignored (but for a re-render), and applying the same one again changes nothing.
 */
export function applyDelta(state: LiveState, answer: DeltaAnswer): { state: LiveState; followups: Followups } {
  const followups: Followups = { refresh: false, fetchList: lacksRows(state.list) };
  // A re-render is never wrong, whatever its age; it is the only way back for a tab ahead of a restored database.
  if (!answer.unchanged && answer.refresh) return { state, followups: { ...followups, refresh: true } };
  if (answer.seq < state.seq) return { state, followups };
  if (answer.unchanged) return { state: { ...state, seq: answer.seq }, followups };
  const next: LiveState = { ...state, seq: answer.seq };
  if (answer.counts) next.counts = answer.counts;
  if (answer.list && state.list) {
    const patched = patchList(state.list, answer.list);
    next.list = patched.list;
    followups.fetchList = patched.missing;
  }
  if (answer.chat && state.chat) {
    if ("refresh" in answer.chat) followups.refresh = true;
    else {
      next.chat = {
        id: state.chat.id,
        messages: mergeById(state.chat.messages, answer.chat.messages),
        attachments: mergeById(state.chat.attachments.filter((a) => !answer.chat || !("messages" in answer.chat) || !answer.chat.messages.some((m) => m.id === a.messageId)), answer.chat.attachments),
      };
    }
  }
  return { state: next, followups };
}
