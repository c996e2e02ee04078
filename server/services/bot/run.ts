import type { MessageRow } from "@/server/repositories/messages";
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { closeReasons } from "@/db/schema";
import { isOpenAt, type Schedule } from "@/server/domain/business-hours";
import { assignChat } from "@/server/domain/chat-assignment";
import { replyWindow } from "@/server/domain/reply-window";
import { botCloseDecision, botStarts, handOffDecision, handoffNoteText } from "@/server/domain/bot/chat-effects";
import { runBot, type BotContext, type BotInput, type BotState, type BotTurn } from "@/server/domain/bot/engine";
import { flowShape, type Flow } from "@/server/domain/bot/flow";
import { writeAudit } from "@/server/repositories/audit";
import {
  activeSession,
  channelFlow,
  contactFieldValues,
  dueSessions,
  findVersion,
  insertSession,
  latestVersion,
  previousChatActivity,
  setContactField,
  teamOf,
  updateSession,
  type BotSessionRow,
} from "@/server/repositories/bot";
import { findChannel, type ChannelRow } from "@/server/repositories/channels";
import { findChat, type ChatRow } from "@/server/repositories/chats";
import { findCloseReason, findSystemReason } from "@/server/repositories/close-reasons";
import { findContact, renameContact, updateContact } from "@/server/repositories/contacts";
import { insertMessage } from "@/server/repositories/messages";
import { findUserById } from "@/server/repositories/users";
import { queueAutomaticMessage, recordAutomaticOnChat } from "../automatic-message";
import { writeDecision } from "../chat-records";
import { enqueueChat } from "../routing/enqueue";
import type { FiledInbound } from "../inbound-hooks";

// The bot on a live chat: it greets a new chat on a channel with a flow, answers each contact message while
// its session is active, and acts on the engine's outcome — wait, hand off to a team's queue (with a note of
// the answers) or close — in the filing transaction. Its messages go out through the outbox as the bot's.

const NOTE_HEADING = "🤖 Respuestas al bot";
const NO_ANSWERS = "(sin respuestas)";

/**
 * Parsed flows by version id, per database connection (a test's or a restored database may reuse ids):
 * versions never change, so each is parsed once.
 */
const flowCaches = new WeakMap<object, Map<number, Flow>>();

function flowOfVersion(tx: DbOrTx, versionId: number): Flow | null {
  // A transaction shares its database's session object (see repositories/prepared.ts).
  const session = (tx as unknown as { session: object }).session;
  let flowCache = flowCaches.get(session);
  if (!flowCache) flowCaches.set(session, (flowCache = new Map()));
  const cached = flowCache.get(versionId);
  if (cached) return cached;
  const version = findVersion(tx, versionId);
  if (!version) return null;
  const parsed = flowShape.safeParse(version.definition);
  if (!parsed.success) return null;
  flowCache.set(versionId, parsed.data);
  return parsed.data;
}

/**
 * Called first when a contact's message is filed. True when the bot holds the chat (it answered, or
 * finished this turn by closing it), so routing leaves it alone; false for chats that are not the bot's.
 */
export function botHandlesInbound(tx: DbOrTx, filed: FiledInbound): boolean {
  const { chat, channel, event, now } = filed;
  if (chat.status === "closed") return false;
  const text = event.body ?? "";
  const choiceId = typeof event.payload?.choiceId === "string" ? event.payload.choiceId : undefined;
  const input = (type: "start" | "answer"): BotInput => ({ type, text, ...(choiceId ? { choiceId } : {}) });

  const session = activeSession(tx, chat.id);
  if (session) {
    const flow = flowOfVersion(tx, session.flowVersionId);
    if (!flow) return false;
    const state: BotState | null = session.stepId ? { stepId: session.stepId, retries: session.retries, answers: session.answers } : null;
    const turn = runBot(flow, state, input("answer"), now, botContext(tx, chat, channel));
    return applyTurn(tx, chat.id, channel, session, flow, turn, now);
  }

  if (!filed.openedChat) return false;
  const assignment = channelFlow(tx, channel.id);
  if (!assignment) return false;
  const start = botStarts(
    { openedChat: true, assigneeId: chat.assigneeId, previousActivityAt: previousChatActivity(tx, chat.contactId, chat.id), returningAfterHours: assignment.returningAfterHours },
    now,
  );
  if (!start) return false;
  const version = latestVersion(tx, assignment.flowId);
  if (!version) return false;
  const flow = flowOfVersion(tx, version.id);
  if (!flow) return false;
  const created = insertSession(tx, { chatId: chat.id, flowVersionId: version.id, status: "active", answers: [], startedAt: now, lastActivityAt: now });
  const turn = runBot(flow, null, input("start"), now, botContext(tx, chat, channel));
  return applyTurn(tx, chat.id, channel, created, flow, turn, now);
}

function botContext(tx: DbOrTx, chat: ChatRow, channel: ChannelRow): BotContext {
  let fields: Record<string, string | null> | null = null;
  const lazyFields = () => {
    if (fields) return fields;
    const contact = findContact(tx, chat.contactId);
    const extra = contactFieldValues(tx, chat.contactId);
    fields = { name: contact?.name ?? null, email: contact?.email ?? null, phone: contact?.phone ?? null, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.startsWith("custom:") || k === "document" ? k : `custom:${k}`, v])) };
    return fields;
  };
  return {
    channelType: channel.type,
    get fields() {
      return lazyFields();
    },
    isOpen: (teamId, now) => {
      const session = activeSession(tx, chat.id);
      const flow = session ? flowOfVersion(tx, session.flowVersionId) : null;
      const team = teamId !== null ? teamOf(tx, teamId) : null;
      const schedule = (team?.schedule as Schedule | null | undefined) ?? (flow?.schedule as Schedule | undefined) ?? null;
      return isOpenAt(schedule, now);
    },
  };
}

/** Stores the turn: the contact's answers, the bot's messages, then the outcome. True: the bot held the chat. */
function applyTurn(tx: DbOrTx, chatId: number, channel: ChannelRow, session: BotSessionRow, flow: Flow, turn: BotTurn, now: number): boolean {
  const chat0 = findChat(tx, chatId)!;
  for (const update of turn.fieldUpdates) saveField(tx, chat0.contactId, update.field, update.value, now);
  // Like any message, the bot's count in the 24-hour window: past it (a late no-reply rule) it says nothing.
  const windowOpen = channel.type === "webchat" || replyWindow(chat0.lastInboundAt, now).open;
  let last: MessageRow | undefined;
  for (const message of windowOpen ? turn.messages : []) {
    if (message.media) last = queueAutomaticMessage(tx, chat0, channel, { body: "", media: message.media }, "bot", now, { deferChat: true }).message;
    last = queueAutomaticMessage(tx, chat0, channel, { body: message.text, ...(message.choices ? { choices: message.choices } : {}) }, "bot", now, { deferChat: true }).message;
  }
  if (last) recordAutomaticOnChat(tx, chatId, last, now);
  const outcome = turn.outcome;
  switch (outcome.type) {
    case "wait":
      updateSession(tx, session.id, {
        stepId: outcome.stepId,
        retries: turn.state?.retries ?? 0,
        answers: turn.answers,
        lastActivityAt: now,
        timeoutAt: now + flow.noReply.minutes * 60_000,
      });
      return true;
    case "handoff":
      updateSession(tx, session.id, { status: "handed_off", stepId: null, answers: turn.answers, lastActivityAt: now, timeoutAt: null, endedAt: now, endReason: `handoff:${outcome.reason}` });
      handOff(tx, chatId, outcome.teamId, outcome.agentId, turn, now);
      return true;
    case "close": {
      updateSession(tx, session.id, { status: "closed", stepId: null, answers: turn.answers, lastActivityAt: now, timeoutAt: null, endedAt: now, endReason: outcome.reason === "no_reply" ? "no_reply" : "flow_close" });
      const chat = findChat(tx, chatId)!;
      const chosen = outcome.reasonId ? findCloseReason(tx, outcome.reasonId) : undefined;
      // The step's reason while it can still be picked; else the built-in one.
      const usable = chosen && chosen.active && chosen.systemKey === null ? chosen : undefined;
      const reason = outcome.reason === "no_reply" ? builtinReason(tx, "no_reply") : (usable ?? builtinReason(tx, "resolved"));
      const fallback = reason ?? findSystemReason(tx, "inactivity");
      if (fallback) writeDecision(tx, chat, botCloseDecision(chat, { id: fallback.id, systemKey: fallback.systemKey ?? null }, now), now);
      writeAudit(tx, { actorId: null, action: "chat.bot_closed", targetType: "chat", targetId: chatId }, now);
      return true;
    }
  }
}

function builtinReason(tx: DbOrTx, key: "no_reply" | "resolved") {
  return tx.select().from(closeReasons).where(and(eq(closeReasons.builtinKey, key))).get();
}

function saveField(tx: DbOrTx, contactId: number, field: string, value: string, now: number): void {
  switch (field) {
    case "name":
      // What the contact says their name is beats the profile name the network sends.
      renameContact(tx, contactId, value);
      updateContact(tx, contactId, { nameLocked: true });
      return;
    case "email":
      updateContact(tx, contactId, { email: value });
      return;
    case "phone":
      updateContact(tx, contactId, { phone: value });
      return;
    default:
      setContactField(tx, contactId, field, value, now);
  }
}

/** The chat goes back to people: pending again, a note with the answers, then an agent or the team's queue. */
function handOff(tx: DbOrTx, chatId: number, teamId: number | null, agentId: number | null, turn: BotTurn, now: number): void {
  let chat = findChat(tx, chatId)!;
  chat = writeDecision(tx, chat, handOffDecision(chat, now), now);
  insertMessage(tx, {
    chatId: chat.id,
    contactId: chat.contactId,
    channelId: chat.channelId,
    direction: "out",
    authorKind: "bot",
    kind: "note",
    body: handoffNoteText(NOTE_HEADING, turn.answers, NO_ANSWERS),
    payload: { mentions: [], bot: { answers: turn.answers, teamId, agentId } },
    status: null,
    createdAt: now,
  });
  const agent = agentId !== null ? findUserById(tx, agentId) : undefined;
  if (agent?.active && chat.assigneeId === null) {
    const transferred = findSystemReason(tx, "transferred")!;
    const decision = assignChat(chat, { target: agent, actorId: null, now, transferredReasonId: transferred.id });
    if (decision.type === "assign") writeDecision(tx, chat, decision.chat, now);
    return;
  }
  // Routing's queue: the chosen team, else the channel's; distribution runs at once.
  enqueueChat(tx, { chatId: chat.id, teamId: teamId !== null && teamOf(tx, teamId) ? teamId : null, now, reason: "bot" });
}

/** The no-reply rule: sessions whose contact went quiet are closed or handed off, as their flow says. */
export function runBotTimeouts(db: Db, now: number): number {
  let done = 0;
  for (const due of dueSessions(db, now, 200)) {
    done += db.transaction(
      (tx) => {
        const session = activeSession(tx, due.chatId);
        if (!session || session.id !== due.id || session.timeoutAt === null || session.timeoutAt > now) return 0;
        const chat = findChat(tx, session.chatId);
        const channel = chat ? findChannel(tx, chat.channelId) : undefined;
        const flow = flowOfVersion(tx, session.flowVersionId);
        if (!chat || !channel || !flow) return 0;
        const state: BotState | null = session.stepId ? { stepId: session.stepId, retries: session.retries, answers: session.answers } : null;
        applyTurn(tx, chat.id, channel, session, flow, runBot(flow, state, { type: "timeout" }, now, botContext(tx, chat, channel)), now);
        return 1;
      },
      { behavior: "immediate" },
    );
  }
  return done;
}
