import type { Db, DbOrTx } from "@/db/client";
import { badRequest, conflict, notFound } from "@/server/domain/errors";
import { validateSchedule, type Schedule } from "@/server/domain/business-hours";
import {
  validateCapacity,
  validateOfferSeconds,
  validateTeamMessage,
  validateTeamName,
  type DistributionMode,
} from "@/server/domain/routing";
import { writeAudit } from "@/server/repositories/audit";
import { findChannel } from "@/server/repositories/channels";
import {
  addMember,
  channelsOfTeam,
  defaultTeam,
  deleteTeamRow,
  findTeam,
  findTeamByName,
  insertTeam,
  removeMember,
  setChannelTeam,
  setPresence,
  teamHasChats,
  teamMemberIds,
  updateTeam,
  type TeamRow,
} from "@/server/repositories/teams";
import { findUserById } from "@/server/repositories/users";
import { distribute, roomAppeared } from "./distribute";

// The administrator's use cases for teams. Every one validates before writing, writes in one immediate
// transaction with its audit entry, and lets distribution run at once when the change can free room or
// start a queue moving (a mode switched on, a member added, hours that open now, a capacity raised).

export interface Actor {
  actorId: number | null;
  now: number;
}

function inTx<T>(db: Db, fn: (tx: DbOrTx) => T): T {
  return db.transaction(fn, { behavior: "immediate" });
}

export function requireTeam(db: DbOrTx, id: number): TeamRow {
  const team = findTeam(db, id);
  if (!team) throw notFound(`There is no team #${id}.`, { key: "error.team.notFound", params: { id: String(id) } });
  return team;
}

function assertNameFree(db: DbOrTx, name: string, exceptId?: number): void {
  const existing = findTeamByName(db, name);
  if (existing && existing.id !== exceptId) throw conflict(`There is already a team called “${name}”.`, { key: "error.team.nameTaken", params: { name } });
}

export interface TeamSettings {
  name?: string;
  mode?: DistributionMode;
  capacity?: number;
  offerSeconds?: number;
  awayMessage?: string | null;
  greeting?: string | null;
}

function validated(input: TeamSettings): Partial<TeamRow> {
  const out: Partial<TeamRow> = {};
  if (input.name !== undefined) out.name = validateTeamName(input.name);
  if (input.mode !== undefined) out.mode = input.mode;
  if (input.capacity !== undefined) out.capacity = validateCapacity(input.capacity);
  if (input.offerSeconds !== undefined) out.offerSeconds = validateOfferSeconds(input.offerSeconds);
  if (input.awayMessage !== undefined) out.awayMessage = validateTeamMessage(input.awayMessage);
  if (input.greeting !== undefined) out.greeting = validateTeamMessage(input.greeting);
  return out;
}

export function createTeam(db: Db, input: TeamSettings & { name: string }, actor: Actor): TeamRow {
  const fields = validated(input);
  return inTx(db, (tx) => {
    assertNameFree(tx, fields.name!);
    const team = insertTeam(tx, { ...fields, name: fields.name!, createdAt: actor.now });
    writeAudit(tx, { actorId: actor.actorId, action: "team.create", targetType: "team", targetId: team.id, details: { name: team.name, mode: team.mode } }, actor.now);
    return team;
  });
}

export function updateTeamSettings(db: Db, id: number, input: TeamSettings, actor: Actor): TeamRow {
  const fields = validated(input);
  return inTx(db, (tx) => {
    const team = requireTeam(tx, id);
    // Nothing to change (an API call naming no field): accepted, and nothing is written or audited.
    if (Object.keys(fields).length === 0) return team;
    if (fields.name !== undefined) assertNameFree(tx, fields.name, id);
    updateTeam(tx, id, fields);
    writeAudit(tx, { actorId: actor.actorId, action: "team.update", targetType: "team", targetId: id, details: { ...fields } }, actor.now);
    distribute(tx, [id], actor.now, "team_settings");
    return { ...team, ...fields };
  });
}

/** Opening hours; null: always open. */
export function setTeamHours(db: Db, id: number, schedule: Schedule | null, actor: Actor): TeamRow {
  const checked = schedule ? validateSchedule(schedule) : null;
  return inTx(db, (tx) => {
    const team = requireTeam(tx, id);
    updateTeam(tx, id, { schedule: checked });
    writeAudit(tx, { actorId: actor.actorId, action: "team.hours", targetType: "team", targetId: id, details: { schedule: checked } }, actor.now);
    distribute(tx, [id], actor.now, "hours");
    return { ...team, schedule: checked };
  });
}

function receivesChannelChats(tx: DbOrTx, team: TeamRow): boolean {
  return team.isDefault || channelsOfTeam(tx, team.id).length > 0;
}

export function addTeamMember(db: Db, teamId: number, userId: number, actor: Actor): void {
  inTx(db, (tx) => {
    requireTeam(tx, teamId);
    const user = findUserById(tx, userId);
    if (!user || !user.active) throw badRequest(`User #${userId} can't join a team.`, { key: "error.team.member", params: { id: String(userId) } });
    if (!addMember(tx, teamId, userId, actor.now)) return;
    writeAudit(tx, { actorId: actor.actorId, action: "team.member_add", targetType: "team", targetId: teamId, details: { userId } }, actor.now);
    distribute(tx, [teamId], actor.now, "member_added");
  });
}

export function removeTeamMember(db: Db, teamId: number, userId: number, actor: Actor): void {
  inTx(db, (tx) => {
    const team = requireTeam(tx, teamId);
    const members = teamMemberIds(tx, teamId);
    if (!members.includes(userId)) return;
    if (members.length === 1 && receivesChannelChats(tx, team)) {
      throw badRequest(`“${team.name}” must keep at least one agent.`, { key: "error.team.lastMember", params: { name: team.name } });
    }
    removeMember(tx, teamId, userId);
    writeAudit(tx, { actorId: actor.actorId, action: "team.member_remove", targetType: "team", targetId: teamId, details: { userId } }, actor.now);
  });
}

function assertHasAgents(tx: DbOrTx, team: TeamRow): void {
  if (teamMemberIds(tx, team.id).length === 0) {
    throw badRequest(`The team “${team.name}” has no agents.`, { key: "error.team.noAgents", params: { name: team.name } });
  }
}

/** A channel's new chats go to this team (null: the default team). */
export function setChannelDefaultTeam(db: Db, channelId: number, teamId: number | null, actor: Actor): void {
  inTx(db, (tx) => {
    if (!findChannel(tx, channelId)) throw notFound(`There is no channel #${channelId}.`, { key: "error.channel.notFound", params: { id: String(channelId) } });
    if (teamId !== null) assertHasAgents(tx, requireTeam(tx, teamId));
    setChannelTeam(tx, channelId, teamId);
    writeAudit(tx, { actorId: actor.actorId, action: "channel.team", targetType: "channel", targetId: channelId, details: { teamId } }, actor.now);
  });
}

export function makeDefaultTeam(db: Db, teamId: number, actor: Actor): void {
  inTx(db, (tx) => {
    const team = requireTeam(tx, teamId);
    if (team.isDefault) return;
    assertHasAgents(tx, team);
    const previous = defaultTeam(tx);
    if (previous) updateTeam(tx, previous.id, { isDefault: false });
    updateTeam(tx, teamId, { isDefault: true });
    writeAudit(tx, { actorId: actor.actorId, action: "team.default", targetType: "team", targetId: teamId, details: { previous: previous?.id ?? null } }, actor.now);
  });
}

export function deleteTeam(db: Db, teamId: number, actor: Actor): void {
  inTx(db, (tx) => {
    const team = requireTeam(tx, teamId);
    if (team.isDefault) throw conflict(`“${team.name}” is the default team.`, { key: "error.team.deleteDefault", params: { name: team.name } });
    if (channelsOfTeam(tx, teamId).length > 0 || teamHasChats(tx, teamId)) {
      throw conflict(`“${team.name}” still has chats or channels.`, { key: "error.team.inUse", params: { name: team.name } });
    }
    deleteTeamRow(tx, teamId);
    writeAudit(tx, { actorId: actor.actorId, action: "team.delete", targetType: "team", targetId: teamId, details: { name: team.name } }, actor.now);
  });
}

/** An agent's own capacity (null: each team's default). Raising it lets waiting chats in at once. */
export function setAgentCapacity(db: Db, userId: number, capacity: number | null, actor: Actor): void {
  const value = capacity === null ? null : validateCapacity(capacity);
  inTx(db, (tx) => {
    const user = findUserById(tx, userId);
    if (!user) throw notFound(`There is no user #${userId}.`, { key: "error.user.notFound", params: { id: String(userId) } });
    setPresence(tx, userId, { capacity: value });
    writeAudit(tx, { actorId: actor.actorId, action: "user.capacity", targetType: "user", targetId: userId, details: { previous: user.capacity, capacity: value } }, actor.now);
    roomAppeared(tx, userId, actor.now, "capacity");
  });
}
