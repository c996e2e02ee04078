import type { Db, DbOrTx } from "@/db/client";
import { assertAdmin, badRequest, graphemeCount, notFound, type Viewer } from "@/server/domain";
import { flowLimitIssues } from "@/server/domain/bot/limits";
import { parseFlow, type Flow, type FlowIssue } from "@/server/domain/bot/flow";
import { jsonErrorPlace } from "@/server/domain/bot/json-place";
import { sampleFlow } from "@/server/domain/bot/sample-flow";
import { writeAudit } from "@/server/repositories/audit";
import {
  channelFlows,
  channelsOfFlow,
  clearChannelFlow,
  deleteFlowRow,
  findFlow,
  flowHasSessions,
  insertFlow,
  insertVersion,
  latestVersion,
  listFlows,
  setChannelFlow,
  updateFlow,
  type BotFlowRow,
  type BotFlowVersionRow,
} from "@/server/repositories/bot";
import { findChannel } from "@/server/repositories/channels";
import { validateSchedule } from "@/server/domain/business-hours";
import { isExecutable } from "@/server/domain/media-limits";
import { storeMediaBytes } from "../media-store";
import { channelRef } from "../send-message";

// Admins build flows: a draft they edit (validated on every save, for every channel the flow is assigned
// to), published as immutable versions; a channel runs its flow's latest version for chats that start
// after the publish, while running chats keep theirs.

export interface FlowsContext {
  viewer: Viewer;
  now: number;
}

export const FLOW_NAME_MAX = 80;
export const RETURNING_HOURS_MAX = 24 * 90;
const ACTION = "manageBotFlows";

export interface FlowSummary {
  id: number;
  name: string;
  updatedAt: number;
  published: { version: number; publishedAt: number } | null;
  /** The draft differs from the latest version. */
  unpublishedChanges: boolean;
  channelIds: number[];
}

export function flowSummaries(db: Db, viewer: Viewer): FlowSummary[] {
  assertAdmin(viewer, ACTION);
  const assigned = channelFlows(db);
  return listFlows(db).map((f) => {
    const latest = latestVersion(db, f.id);
    return {
      id: f.id,
      name: f.name,
      updatedAt: f.updatedAt,
      published: latest ? { version: latest.version, publishedAt: latest.publishedAt } : null,
      unpublishedChanges: !latest || JSON.stringify(latest.definition) !== JSON.stringify(f.draft),
      channelIds: assigned.filter((a) => a.flowId === f.id).map((a) => a.channelId),
    };
  });
}

export function flowDetail(db: Db, viewer: Viewer, id: number): { flow: BotFlowRow; draft: Flow | null; issues: FlowIssue[]; latest: BotFlowVersionRow | null; channelIds: number[] } {
  assertAdmin(viewer, ACTION);
  const flow = requireFlow(db, id);
  const parsed = parseFlow(flow.draft);
  return { flow, draft: parsed.ok ? parsed.flow : null, issues: parsed.ok ? [] : parsed.issues, latest: latestVersion(db, id) ?? null, channelIds: channelsOfFlow(db, id) };
}

function requireFlow(db: DbOrTx, id: number): BotFlowRow {
  const flow = findFlow(db, id);
  if (!flow) throw notFound(`There is no bot flow #${id}.`, { key: "error.bot.notFound", params: { id } });
  return flow;
}

function validName(name: string): string {
  const clean = name.normalize("NFC").trim();
  if (!clean || graphemeCount(clean) > FLOW_NAME_MAX) throw badRequest(`A flow needs a name of at most ${FLOW_NAME_MAX} characters.`, { key: "error.bot.name", params: { max: FLOW_NAME_MAX } });
  return clean;
}

/** The first problem as a translated refusal (the editor lists them all from checkFlow). */
export function flowIssueError(issue: FlowIssue) {
  const p = issue.params;
  const s = (k: string) => String(p[k] ?? "");
  const n = (k: string) => Number(p[k] ?? 0);
  switch (issue.key) {
    case "error.bot.duplicateStep":
      return badRequest(issue.message, { key: "error.bot.duplicateStep", params: { step: s("step") } });
    case "error.bot.start":
      return badRequest(issue.message, { key: "error.bot.start", params: { step: s("step") } });
    case "error.bot.missingStep":
      return badRequest(issue.message, { key: "error.bot.missingStep", params: { step: s("step"), target: s("target") } });
    case "error.bot.duplicateOption":
      return badRequest(issue.message, { key: "error.bot.duplicateOption", params: { step: s("step"), option: s("option") } });
    case "error.bot.loop":
      return badRequest(issue.message, { key: "error.bot.loop", params: { step: s("step") } });
    case "error.bot.stepField":
      return badRequest(issue.message, { key: "error.bot.stepField", params: { step: s("step"), field: s("field"), detail: s("detail") } });
    case "error.bot.limit":
      return badRequest(issue.message, { key: "error.bot.limit", params: { step: s("step"), channel: s("channel"), count: n("count"), max: n("max") } });
    case "error.bot.media":
      return badRequest(issue.message, { key: "error.bot.media", params: { step: s("step"), channel: s("channel"), file: s("file") } });
    case "error.bot.flowLimit":
      return badRequest(issue.message, { key: "error.bot.flowLimit", params: { channel: s("channel"), count: n("count"), max: n("max") } });
    default:
      return badRequest(issue.message, { key: "error.bot.flowField", params: { field: s("field"), detail: s("detail") || issue.message } });
  }
}

/** Every problem of a draft: its shape and structure, then the limits of the channels it is (or will be) on. */
export function checkFlow(db: DbOrTx, draft: unknown, channelIds: readonly number[]): { flow: Flow | null; issues: FlowIssue[] } {
  const parsed = parseFlow(draft);
  if (!parsed.ok) return { flow: null, issues: parsed.issues };
  const channels = channelIds.flatMap((id) => {
    const channel = findChannel(db, id);
    return channel ? [channelRef(channel)] : [];
  });
  const issues = flowLimitIssues(parsed.flow, channels);
  return { flow: parsed.flow, issues };
}

export function createFlow(db: Db, ctx: FlowsContext, input: { name: string; sample?: boolean }): BotFlowRow {
  assertAdmin(ctx.viewer, ACTION);
  const name = validName(input.name);
  const draft = (input.sample === false ? { start: "inicio", steps: [{ id: "inicio", kind: "handoff", text: "Te comunico con una persona del equipo." }] } : sampleFlow()) as Record<string, unknown>;
  return db.transaction((tx) => {
    const flow = insertFlow(tx, { name, draft, createdAt: ctx.now, updatedAt: ctx.now });
    writeAudit(tx, { actorId: ctx.viewer.id, action: "bot.flow_create", targetType: "bot_flow", targetId: flow.id }, ctx.now);
    return flow;
  });
}

/** Saves the draft (JSON from the editor, a step form or an import); refused with the first problem, naming its step. */
export function saveDraft(db: Db, ctx: FlowsContext, id: number, draft: unknown, name?: string): BotFlowRow {
  assertAdmin(ctx.viewer, ACTION);
  return db.transaction((tx) => {
    const flow = requireFlow(tx, id);
    const { flow: parsed, issues } = checkFlow(tx, draft, channelsOfFlow(tx, id));
    if (issues.length) throw flowIssueError(issues[0]!);
    // The flow's own opening hours are checked like a team's (translated, naming the day).
    if (parsed?.schedule) validateSchedule(parsed.schedule);
    // Stored as given after validation: zod's defaults are applied again when it runs.
    updateFlow(tx, id, { draft: draft as Record<string, unknown>, updatedAt: ctx.now, ...(name !== undefined ? { name: validName(name) } : {}) });
    writeAudit(tx, { actorId: ctx.viewer.id, action: "bot.flow_save", targetType: "bot_flow", targetId: id }, ctx.now);
    return { ...flow, draft: draft as Record<string, unknown>, updatedAt: ctx.now };
  });
}

export function importFlowJson(db: Db, ctx: FlowsContext, id: number, json: string): BotFlowRow {
  let draft: unknown;
  try {
    draft = JSON.parse(json) as unknown;
  } catch (err) {
    const place = jsonErrorPlace(json, err);
    if (!place) throw badRequest("That is not a flow in JSON: the text is not valid JSON.", { key: "error.bot.json" });
    throw badRequest(`That is not a flow in JSON: the text stops being valid JSON at line ${place.line}, column ${place.column}.`, {
      key: "error.bot.jsonAt",
      params: { line: place.line, column: place.column },
    });
  }
  return saveDraft(db, ctx, id, draft);
}

/** Freezes the draft as the next version. Chats already running keep the version they started with. */
export function publishFlow(db: Db, ctx: FlowsContext, id: number): BotFlowVersionRow {
  assertAdmin(ctx.viewer, ACTION);
  return db.transaction(
    (tx) => {
      const flow = requireFlow(tx, id);
      const { issues } = checkFlow(tx, flow.draft, channelsOfFlow(tx, id));
      if (issues.length) throw flowIssueError(issues[0]!);
      const version = (latestVersion(tx, id)?.version ?? 0) + 1;
      const row = insertVersion(tx, { flowId: id, version, definition: flow.draft, publishedAt: ctx.now, publishedById: ctx.viewer.id });
      writeAudit(tx, { actorId: ctx.viewer.id, action: "bot.flow_publish", targetType: "bot_flow", targetId: id }, ctx.now);
      return row;
    },
    { behavior: "immediate" },
  );
}

export function deleteFlow(db: Db, ctx: FlowsContext, id: number): void {
  assertAdmin(ctx.viewer, ACTION);
  db.transaction((tx) => {
    const flow = requireFlow(tx, id);
    if (flowHasSessions(tx, id)) throw badRequest(`Chats have run “${flow.name}”, so it stays; take it off its channels instead.`, { key: "error.bot.inUse", params: { name: flow.name } });
    deleteFlowRow(tx, id);
    writeAudit(tx, { actorId: ctx.viewer.id, action: "bot.flow_delete", targetType: "bot_flow", targetId: id }, ctx.now);
  });
}

/** Gives a channel's new contacts (and, with hours, contacts back after that long) to a published flow; null flow: no bot. */
export function assignChannelFlow(db: Db, ctx: FlowsContext, input: { channelId: number; flowId: number | null; returningAfterHours: number | null }): void {
  assertAdmin(ctx.viewer, ACTION);
  db.transaction((tx) => {
    const channel = findChannel(tx, input.channelId);
    if (!channel) throw notFound(`There is no channel #${input.channelId}.`, { key: "error.bot.channel", params: { id: input.channelId } });
    if (input.flowId === null) {
      clearChannelFlow(tx, channel.id);
    } else {
      const hours = input.returningAfterHours;
      if (hours !== null && (!Number.isInteger(hours) || hours < 1 || hours > RETURNING_HOURS_MAX)) {
        throw badRequest(`Returning contacts meet the bot again after 1 to ${RETURNING_HOURS_MAX} hours; got ${hours}.`, { key: "error.bot.hours", params: { max: RETURNING_HOURS_MAX, value: hours } });
      }
      const flow = requireFlow(tx, input.flowId);
      const latest = latestVersion(tx, flow.id);
      if (!latest) throw badRequest(`Publish the flow “${flow.name}” before giving it a channel.`, { key: "error.bot.unpublished", params: { name: flow.name } });
      // The version chats will run, and the draft the admin will publish next, must both fit this channel.
      for (const definition of [latest.definition, flow.draft]) {
        const { issues } = checkFlow(tx, definition, [channel.id]);
        if (issues.length) throw flowIssueError(issues[0]!);
      }
      setChannelFlow(tx, { channelId: channel.id, flowId: flow.id, returningAfterHours: hours, updatedAt: ctx.now });
    }
    writeAudit(tx, { actorId: ctx.viewer.id, action: "bot.channel_flow", targetType: "channel", targetId: channel.id }, ctx.now);
  });
}

/** Files a message step may carry: the channels' own limits are checked when the flow is saved. */
export const BOT_MEDIA_MAX = 16 * 1024 * 1024;

/** Stores an image or document uploaded in the editor, by hash, for a message step to send. */
export function storeBotMedia(viewer: Viewer, upload: { bytes: Buffer; fileName: string; mimeType: string }): { sha256: string; mimeType: string; fileName: string; size: number } {
  assertAdmin(viewer, ACTION);
  const fileName = (upload.fileName.split(/[/\\]/).pop() ?? "").trim().slice(0, 255) || "file";
  const mimeType = upload.mimeType.split(";")[0]!.trim().toLowerCase() || "application/octet-stream";
  if (upload.bytes.byteLength === 0) throw badRequest("The file is empty.", { key: "error.media.empty" });
  if (upload.bytes.byteLength > BOT_MEDIA_MAX) throw badRequest("Files are limited to 16 MB.", { key: "error.media.tooLarge", params: { max: "16 MB" } });
  if (isExecutable(fileName, mimeType)) throw badRequest(`“${fileName}” is a program or script, and those can't be sent.`, { key: "error.media.executable", params: { file: fileName } });
  const stored = storeMediaBytes(upload.bytes);
  return { sha256: stored.sha256, mimeType, fileName, size: stored.size };
}
