import type { AssigneeFilter } from "./visibility";
import type { ChatStatus } from "./types";

// Live updates: which recorded changes concern one viewer's screen. A change to a chat records the chat's
// list keys before and after the write, so whether it entered, stayed in or left a list is decided from
// the change alone, whatever the viewer last saw.

export interface ListView {
  filter: AssigneeFilter;
  status: ChatStatus;
  pendingOnly: boolean;
}

/** A chat's list keys at one moment; null when the chat did not (or no longer does) exist. */
export interface ListKeys {
  status: string | null;
  assigneeId: number | null;
  awaiting: boolean;
}

export function assigneeMatches(filter: AssigneeFilter, assigneeId: number | null): boolean {
  switch (filter.assignee) {
    case "is":
      return assigneeId === filter.userId;
    case "null":
      return assigneeId === null;
    case "not-null-not":
      return assigneeId !== null && assigneeId !== filter.userId;
    case "any":
      return true;
  }
}

export function inListView(view: ListView, keys: ListKeys | null): boolean {
  if (!keys || keys.status === null) return false;
  return keys.status === view.status && assigneeMatches(view.filter, keys.assigneeId) && (!view.pendingOnly || keys.awaiting);
}

export interface ChangeRecord {
  seq: number;
  kind: "chat" | "message" | "structure";
  chatId: number | null;
  messageId: number | null;
  before: ListKeys | null;
  after: ListKeys | null;
  header: boolean;
}

/** Whether a list view can look different after these changes: some chat was in it before or is in it now. */
export function touchesList(view: ListView, changes: readonly ChangeRecord[]): boolean {
  return changes.some((c) => c.kind === "chat" && (inListView(view, c.before) || inListView(view, c.after)));
}

export type OpenChatEffect = { kind: "none" } | { kind: "rerender" } | { kind: "messages"; ids: number[]; rowChanged: boolean };

/**
 * What the changes mean for the chat a viewer has open: nothing; its header changed or it vanished (the pane
 * is rendered again by the server); or some of its messages changed (sent to the client as data). A change
 * to the chat row alone (preview, order, the last inbound time) may still change whether the reply window is
 * open, which the caller checks (rowChanged).
 */
export function openChatEffect(chatId: number, changes: readonly ChangeRecord[]): OpenChatEffect {
  const ids = new Set<number>();
  let rowChanged = false;
  for (const c of changes) {
    if (c.chatId !== chatId) continue;
    if (c.kind === "chat") {
      if (c.header || c.after === null) return { kind: "rerender" };
      rowChanged = true;
    } else if (c.kind === "message" && c.messageId !== null) ids.add(c.messageId);
  }
  if (!ids.size && !rowChanged) return { kind: "none" };
  return { kind: "messages", ids: [...ids].sort((a, b) => a - b), rowChanged };
}
