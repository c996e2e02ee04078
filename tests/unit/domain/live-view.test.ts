import { describe, expect, it } from "vitest";
import {
  assigneeMatches,
  inListView,
  openChatEffect,
  touchesList,
  type ChangeRecord,
  type ListKeys,
  type ListView,
} from "@/server/domain/live-view";

// Which recorded changes concern one viewer's screen. These decide whether a poll is a 304, so a wrong
// "no" leaves a stale list or chat on screen and a wrong "yes" costs only a list read.

const ME = 7;
const OTHER = 9;

const keys = (status: string, assigneeId: number | null, awaiting = false): ListKeys => ({ status, assigneeId, awaiting });
const chatChange = (seq: number, chatId: number, before: ListKeys | null, after: ListKeys | null, header = false): ChangeRecord => ({
  seq,
  kind: "chat",
  chatId,
  messageId: null,
  before,
  after,
  header,
});
const messageChange = (seq: number, chatId: number, messageId: number): ChangeRecord => ({ seq, kind: "message", chatId, messageId, before: null, after: null, header: false });
const structure = (seq: number): ChangeRecord => ({ seq, kind: "structure", chatId: null, messageId: null, before: null, after: null, header: false });

const mineOpen: ListView = { filter: { assignee: "is", userId: ME }, status: "open", pendingOnly: false };
const unassignedOpen: ListView = { filter: { assignee: "null" }, status: "open", pendingOnly: false };
const teammatesOpen: ListView = { filter: { assignee: "not-null-not", userId: ME }, status: "open", pendingOnly: false };
const allClosed: ListView = { filter: { assignee: "any" }, status: "closed", pendingOnly: false };

describe("assigneeMatches", () => {
  it.each([
    ["is: me", { assignee: "is", userId: ME } as const, ME, true],
    ["is: someone else", { assignee: "is", userId: ME } as const, OTHER, false],
    ["is: nobody", { assignee: "is", userId: ME } as const, null, false],
    ["null: nobody", { assignee: "null" } as const, null, true],
    ["null: someone", { assignee: "null" } as const, ME, false],
    ["teammates: another agent", { assignee: "not-null-not", userId: ME } as const, OTHER, true],
    ["teammates: me", { assignee: "not-null-not", userId: ME } as const, ME, false],
    ["teammates: nobody", { assignee: "not-null-not", userId: ME } as const, null, false],
    ["any: nobody", { assignee: "any" } as const, null, true],
    ["any: someone", { assignee: "any" } as const, OTHER, true],
  ])("%s", (_, filter, assigneeId, expected) => {
    expect(assigneeMatches(filter, assigneeId)).toBe(expected);
  });
});

describe("inListView", () => {
  it("needs the status and the assignee to match", () => {
    expect(inListView(mineOpen, keys("open", ME))).toBe(true);
    expect(inListView(mineOpen, keys("scheduled", ME))).toBe(false);
    expect(inListView(mineOpen, keys("open", OTHER))).toBe(false);
    expect(inListView(allClosed, keys("closed", null))).toBe(true);
    expect(inListView(allClosed, keys("open", null))).toBe(false);
  });

  it("with the pending filter, only chats awaiting a reply", () => {
    const pending = { ...unassignedOpen, pendingOnly: true };
    expect(inListView(pending, keys("open", null, true))).toBe(true);
    expect(inListView(pending, keys("open", null, false))).toBe(false);
    expect(inListView(unassignedOpen, keys("open", null, false))).toBe(true);
  });

  it("a chat that does not exist (before it was created, after it was deleted) is in no list", () => {
    expect(inListView({ ...allClosed, status: "open" }, null)).toBe(false);
    expect(inListView({ filter: { assignee: "any" }, status: "open", pendingOnly: false }, { status: null, assigneeId: null, awaiting: false })).toBe(false);
  });
});

describe("touchesList", () => {
  it("sees a chat entering the list, leaving it, and changing inside it", () => {
    expect(touchesList(unassignedOpen, [chatChange(1, 10, null, keys("open", null, true))])).toBe(true);
    expect(touchesList(unassignedOpen, [chatChange(1, 10, keys("open", null, true), keys("open", ME, true))])).toBe(true);
    expect(touchesList(mineOpen, [chatChange(1, 10, keys("open", null, true), keys("open", ME, true))])).toBe(true);
    expect(touchesList(mineOpen, [chatChange(1, 10, keys("open", ME), keys("open", ME))])).toBe(true);
    expect(touchesList(mineOpen, [chatChange(1, 10, keys("open", ME), null)])).toBe(true);
  });

  it("a transfer leaves the sender's Mine and shows in the target's Mine and in Teammates", () => {
    const closing = chatChange(1, 10, keys("open", ME, true), keys("closed", ME, true), true);
    const opening = chatChange(2, 11, null, keys("open", OTHER, true));
    expect(touchesList(mineOpen, [closing, opening])).toBe(true);
    expect(touchesList({ ...mineOpen, filter: { assignee: "is", userId: OTHER } }, [opening])).toBe(true);
    expect(touchesList(teammatesOpen, [opening])).toBe(true);
    expect(touchesList(allClosed, [closing])).toBe(true);
    expect(touchesList(unassignedOpen, [closing, opening])).toBe(false);
  });

  it("ignores another agent's chats, other statuses, messages and structure changes", () => {
    const elsewhere = [
      chatChange(1, 10, keys("open", OTHER, true), keys("open", OTHER, false)),
      chatChange(2, 11, keys("scheduled", ME), keys("scheduled", ME)),
      messageChange(3, 12, 100),
      structure(4),
    ];
    expect(touchesList(mineOpen, elsewhere)).toBe(false);
    expect(touchesList(unassignedOpen, elsewhere)).toBe(false);
    expect(touchesList(mineOpen, [])).toBe(false);
  });

  it("with the pending filter, a reply that stops a chat waiting touches it, a change between two non-waiting states does not", () => {
    const pending: ListView = { ...mineOpen, pendingOnly: true };
    expect(touchesList(pending, [chatChange(1, 10, keys("open", ME, true), keys("open", ME, false))])).toBe(true);
    expect(touchesList(pending, [chatChange(1, 10, keys("open", ME, false), keys("open", ME, false))])).toBe(false);
  });
});

describe("openChatEffect", () => {
  const CHAT = 10;

  it("nothing when no change concerns the open chat", () => {
    expect(openChatEffect(CHAT, [])).toEqual({ kind: "none" });
    expect(openChatEffect(CHAT, [messageChange(1, 11, 100), chatChange(2, 11, keys("open", ME), keys("open", ME), true), structure(3)])).toEqual({ kind: "none" });
  });

  it("the changed messages, each once and in order", () => {
    expect(openChatEffect(CHAT, [messageChange(1, CHAT, 102), messageChange(2, 11, 103), messageChange(3, CHAT, 100), messageChange(4, CHAT, 102)])).toEqual({
      kind: "messages",
      ids: [100, 102],
      rowChanged: false,
    });
  });

  it("a change to the chat row alone (preview, order) is reported so the reply window can be checked", () => {
    expect(openChatEffect(CHAT, [chatChange(1, CHAT, keys("open", ME, false), keys("open", ME, true))])).toEqual({ kind: "messages", ids: [], rowChanged: true });
    expect(openChatEffect(CHAT, [messageChange(1, CHAT, 100), chatChange(2, CHAT, keys("open", ME), keys("open", ME))])).toEqual({ kind: "messages", ids: [100], rowChanged: true });
  });

  it("a header change or the chat's deletion re-renders the pane, whatever else changed", () => {
    expect(openChatEffect(CHAT, [messageChange(1, CHAT, 100), chatChange(2, CHAT, keys("open", ME), keys("closed", ME), true)])).toEqual({ kind: "rerender" });
    expect(openChatEffect(CHAT, [chatChange(1, CHAT, keys("open", ME), null, true), messageChange(2, CHAT, 100)])).toEqual({ kind: "rerender" });
    // A deletion is a re-render even if its row were recorded without the header flag.
    expect(openChatEffect(CHAT, [chatChange(1, CHAT, keys("open", ME), null, false)])).toEqual({ kind: "rerender" });
  });
});
