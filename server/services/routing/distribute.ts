import type { DbOrTx } from "@/db/client";
import { assignChat } from "@/server/domain/chat-assignment";
import { isOpenAt } from "@/server/domain/business-hours";
import { capacityOf, chooseAgent, PRESENCE_TIMEOUT_MS, type Candidate, type DistributionMode } from "@/server/domain/routing";
import { writeAudit } from "@/server/repositories/audit";
import { findChat } from "@/server/repositories/chats";
import { findSystemReason } from "@/server/repositories/close-reasons";
import { findTeam, insertOffer, markAssigned, memberLoads, passedBy, teamIdsOf, waitingChats, type TeamRow } from "@/server/repositories/teams";
import { findUserById } from "@/server/repositories/users";
import { writeDecision } from "../chat-records";

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

/** Distributes what waits in these teams now; returns what it placed. Teams in manual mode or closed now are skipped. */
export function distribute(tx: DbOrTx, teamIds: readonly number[], now: number, reason: string): Placement[] {
  const active = [...new Set(teamIds)]
    .map((id) => findTeam(tx, id))
    .filter((team): team is TeamRow => !!team && team.mode !== "manual" && isOpenAt(team.schedule ?? null, now));
  if (active.length === 0) return [];

  // One load per agent, shared by every team they are in: a chat from one team uses room the others see.
  const agents = new Map<number, AgentLoad>();
  const candidates = new Map<number, Array<{ agent: AgentLoad; lastAssignedAt: number | null }>>();
  for (const team of active) {
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
  if (!anyRoom()) return [];

  // Turns are ordered by when each member last received a chat; several placed in one pass (hours opening on
  // a full queue) get distinct, increasing stamps so round robin keeps alternating instead of tying.
  let stamp = now;
  for (const list of candidates.values()) for (const c of list) if (c.lastAssignedAt !== null && c.lastAssignedAt >= stamp) stamp = c.lastAssignedAt + 1;
  const placed: Placement[] = [];
  for (const waiting of waitingChats(tx, active.map((t) => t.id), BATCH)) {
    const team = teamsById.get(waiting.teamId)!;
    const exclude = team.mode === "offer" ? passedBy(tx, waiting.id) : undefined;
    const pick = chooseAgent(team.mode, view(team), exclude);
    if (!pick) continue;
    const placement = team.mode === "offer" ? offer(tx, waiting.id, pick.id, team, now) : assign(tx, waiting.id, pick.id, team, now, reason);
    if (!placement) continue;
    placed.push(placement);
    agents.get(pick.id)!.load += 1;
    const member = candidates.get(team.id)!.find((c) => c.agent.id === pick.id)!;
    member.lastAssignedAt = stamp;
    markAssigned(tx, team.id, pick.id, stamp);
    stamp += 1;
    if (!anyRoom()) break;
  }
  return placed;
}

/** Room appeared for this agent (a chat closed or moved on, they became available, their capacity rose). */
export function roomAppeared(tx: DbOrTx, userId: number | null, now: number, reason: string): Placement[] {
  if (userId === null) return [];
  return distribute(tx, teamIdsOf(tx, userId), now, reason);
}

function assign(tx: DbOrTx, chatId: number, userId: number, team: TeamRow, now: number, reason: string): Placement | null {
  const chat = findChat(tx, chatId);
  const target = findUserById(tx, userId);
  if (!chat || !target || chat.assigneeId !== null || chat.status !== "open") return null;
  const transferred = findSystemReason(tx, "transferred")!;
  const decision = assignChat(chat, { target, actorId: null, now, transferredReasonId: transferred.id });
  if (decision.type !== "assign") return null;
  const event = decision.chat.events[0];
  if (event?.type === "assigned") event.rule = team.mode;
  writeDecision(tx, chat, decision.chat, now);
  writeAudit(tx, { actorId: null, action: "chat.auto_assign", targetType: "chat", targetId: chatId, details: { to: userId, teamId: team.id, rule: team.mode, reason } }, now);
  return { chatId, userId, teamId: team.id, rule: team.mode, kind: "assigned" };
}

function offer(tx: DbOrTx, chatId: number, userId: number, team: TeamRow, now: number): Placement {
  const expiresAt = now + team.offerSeconds * 1000;
  const row = insertOffer(tx, { chatId, userId, teamId: team.id, offeredAt: now, expiresAt });
  writeAudit(tx, { actorId: null, action: "chat.offer", targetType: "chat", targetId: chatId, details: { to: userId, teamId: team.id, rule: "offer", expiresAt, offerId: row.id } }, now);
  return { chatId, userId, teamId: team.id, rule: "offer", kind: "offered" };
}
