import type { DbOrTx } from "@/db/client";
import { assignChat } from "@/server/domain/chat-assignment";
import { isOpenAt } from "@/server/domain/business-hours";
import { capacityOf, chooseAgent, PRESENCE_TIMEOUT_MS, type Candidate, type DistributionMode } from "@/server/domain/routing";
import { writeAudit } from "@/server/repositories/audit";
import { findChat, type ChatRow } from "@/server/repositories/chats";
import { findSystemReason } from "@/server/repositories/close-reasons";
import { findTeam, insertOffer, markAssigned, memberLoads, passedBy, setChatQueue, teamIdsOf, waitingChats, type TeamRow } from "@/server/repositories/teams";
import { findUserById } from "@/server/repositories/users";
import { writeDecision } from "../chat-records";
import { keptMembers, queueKnownEmpty, queuesUnknown, settled } from "./batch-loads";

// Distribution: the waiting chats of some teams, oldest first, each to the agent its team's mode chooses
// (or offered to them), never above anyone's capacity. Runs inside the caller's transaction — the filing
// of a contact's message, an agent freeing up, the job — so what it reads and writes is one consistent step
// (SQLite serializes writers: two at once decide one after the other).

const BATCH = 200;

export interface Placement {
  chatId: number;
  userId: number;
  teamId: number;
  rule: DistributionMode;
  kind: "assigned" | "offered";
}

interface AgentLoad {
  id: number;
  load: number;
  override: number | null;
}

/** A chat joining a team's queue as this distribution runs (enqueueChat): not written to the queue yet. */
export interface Joining {
  chat: ChatRow;
  teamId: number;
  queuedAt: number;
}

/**
 * Distributes what waits in these teams now; returns what it placed. Teams in manual mode or closed now are skipped.
 * With `joining`, that chat enters its team's queue first; when it would be the only one waiting there and is
 * assigned, joining the queue and the assignment are one UPDATE of the chat (each UPDATE of chats fires its triggers).
 */
export function distribute(tx: DbOrTx, teamIds: readonly number[], now: number, reason: string, joining?: Joining): Placement[] {
  let pending = joining;
  const enterQueue = () => {
    if (pending) setChatQueue(tx, pending.chat.id, pending.teamId, pending.queuedAt);
    pending = undefined;
  };
  const active = [...new Set(teamIds)]
    .map((id) => findTeam(tx, id))
    .filter((team): team is TeamRow => !!team && team.mode !== "manual" && isOpenAt(team.schedule ?? null, now));
  if (active.length === 0) {
    enterQueue();
    queuesUnknown(tx, teamIds);
    return [];
  }

  // One load per agent, shared by every team they are in: a chat from one team uses room the others see.
  const agents = new Map<number, AgentLoad>();
  const candidates = new Map<number, Array<{ agent: AgentLoad; lastAssignedAt: number | null }>>();
  for (const team of active) {
    const kept = keptMembers(tx, team.id);
    if (kept) {
      const present = kept.filter((m) => m.agent.availability === "available" && m.agent.lastSeenAt !== null && m.agent.lastSeenAt >= now - PRESENCE_TIMEOUT_MS);
      for (const m of present) agents.set(m.agent.id, m.agent);
      candidates.set(team.id, present);
      continue;
    }
    const rows = memberLoads(tx, team.id, now - PRESENCE_TIMEOUT_MS);
    candidates.set(
      team.id,
      rows.map((row) => {
        let agent = agents.get(row.userId);
        if (!agent) agents.set(row.userId, (agent = { id: row.userId, load: row.open + row.offered, override: row.capacityOverride }));
        return { agent, lastAssignedAt: row.lastAssignedAt };
      }),
    );
  }
  const teamsById = new Map(active.map((t) => [t.id, t]));
  const view = (team: TeamRow): Candidate[] =>
    candidates.get(team.id)!.map(({ agent, lastAssignedAt }) => ({
      id: agent.id,
      available: true,
      capacity: capacityOf(agent.override, team.capacity),
      load: agent.load,
      lastAssignedAt,
    }));
  const anyRoom = () => active.some((team) => view(team).some((c) => c.load < c.capacity));
  if (!anyRoom()) {
    enterQueue();
    settled(tx, false, [], teamIds);
    return [];
  }

  // Turns are ordered by when each member last received a chat; several placed in one pass (hours opening on
  // a full queue) get distinct, increasing stamps so round robin keeps alternating instead of tying.
  let stamp = now;
  for (const list of candidates.values()) for (const c of list) if (c.lastAssignedAt !== null && c.lastAssignedAt >= stamp) stamp = c.lastAssignedAt + 1;
  const teamList = active.map((t) => t.id);
  // In a filing batch, a queue this batch left empty is not read again for the next new chat of its team.
  let queue = pending && teamList.length === 1 && queueKnownEmpty(tx, teamList[0]!) ? [] : waitingChats(tx, teamList, BATCH);
  if (pending && (queue.length > 0 || teamsById.get(pending.teamId)?.mode === "offer")) {
    // Others wait before it (or it will be offered, which needs it queued): queued first, then the usual order.
    enterQueue();
    queue = waitingChats(tx, teamList, BATCH);
  } else if (pending) queue = [{ id: pending.chat.id, teamId: pending.teamId, queuedAt: pending.queuedAt }];
  const placed: Placement[] = [];
  for (const waiting of queue) {
    const team = teamsById.get(waiting.teamId)!;
    const exclude = team.mode === "offer" ? passedBy(tx, waiting.id) : undefined;
    const pick = chooseAgent(team.mode, view(team), exclude);
    const placement = !pick ? null : team.mode === "offer" ? offer(tx, waiting.id, pick.id, team, now) : assign(tx, waiting.id, pick.id, team, now, reason, pending);
    if (pending) {
      if (placement) pending = undefined;
      else enterQueue();
    }
    if (!pick || !placement) continue;
    placed.push(placement);
    agents.get(pick.id)!.load += 1;
    const member = candidates.get(team.id)!.find((c) => c.agent.id === pick.id)!;
    member.lastAssignedAt = stamp;
    markAssigned(tx, team.id, pick.id, stamp);
    stamp += 1;
    if (!anyRoom()) break;
  }
  enterQueue();
  // Every chat read was placed and there were no more: those queues are empty now.
  const all = placed.length === queue.length && queue.length < BATCH;
  settled(tx, placed.some((p) => p.kind === "offered"), all ? teamList : [], all ? [] : teamList);
  return placed;
}

/** Room appeared for this agent (a chat closed or moved on, they became available, their capacity rose). */
export function roomAppeared(tx: DbOrTx, userId: number | null, now: number, reason: string): Placement[] {
  if (userId === null) return [];
  return distribute(tx, teamIdsOf(tx, userId), now, reason);
}

function assign(tx: DbOrTx, chatId: number, userId: number, team: TeamRow, now: number, reason: string, joining?: Joining): Placement | null {
  const chat = joining?.chat.id === chatId ? joining.chat : findChat(tx, chatId);
  const target = findUserById(tx, userId);
  if (!chat || !target || chat.assigneeId !== null || chat.status !== "open") return null;
  const transferred = findSystemReason(tx, "transferred")!;
  const decision = assignChat(chat, { target, actorId: null, now, transferredReasonId: transferred.id });
  if (decision.type !== "assign") return null;
  const event = decision.chat.events[0];
  if (event?.type === "assigned") event.rule = team.mode;
  writeDecision(tx, chat, decision.chat, now, joining?.chat.id === chatId ? { teamId: joining.teamId, queuedAt: joining.queuedAt } : {});
  writeAudit(tx, { actorId: null, action: "chat.auto_assign", targetType: "chat", targetId: chatId, details: { to: userId, teamId: team.id, rule: team.mode, reason } }, now);
  return { chatId, userId, teamId: team.id, rule: team.mode, kind: "assigned" };
}

function offer(tx: DbOrTx, chatId: number, userId: number, team: TeamRow, now: number): Placement {
  const expiresAt = now + team.offerSeconds * 1000;
  const row = insertOffer(tx, { chatId, userId, teamId: team.id, offeredAt: now, expiresAt });
  writeAudit(tx, { actorId: null, action: "chat.offer", targetType: "chat", targetId: chatId, details: { to: userId, teamId: team.id, rule: "offer", expiresAt, offerId: row.id } }, now);
  return { chatId, userId, teamId: team.id, rule: "offer", kind: "offered" };
}
