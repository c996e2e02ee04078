import type { Db } from "@/db/client";
import {
  badRequest,
  conflict,
  notFound,
  validateQuickReply,
  validateTemplateBody,
  validateTemplateRef,
} from "@/server/domain";
import { writeAudit } from "@/server/repositories/audit";
import { findChannel } from "@/server/repositories/channels";
import {
  closeReasonInUse,
  deleteCloseReasonRow,
  findCloseReason,
  insertCloseReason,
  listCloseReasons,
  updateCloseReason,
} from "@/server/repositories/close-reasons";
import { deleteQuickReply, findQuickReply, findQuickReplyByShortcut, insertQuickReply, listQuickReplies, updateQuickReply } from "@/server/repositories/quick-replies";
import { deleteTemplate, findTemplate, insertTemplate, listTemplates } from "@/server/repositories/templates";
import { closeReasonLabel } from "@/server/i18n/close-reasons";
import type { Translate } from "@/server/i18n/locale";
import type { Actor } from "./users";

// What administrators curate and agents pick from: close reasons, quick replies, templates.

const tx = <T>(db: Db, fn: (t: Parameters<Parameters<Db["transaction"]>[0]>[0]) => T) => db.transaction(fn, { behavior: "immediate" });

function reasonLabel(label: string): string {
  const value = label.trim();
  if (!value || value.length > 80) throw badRequest("A close reason needs 1 to 80 characters.", { key: "error.reason.label" });
  return value;
}

export const closeReasons = {
  /** With `t`, labels read in that language (see closeReasonLabel), in its alphabetical order. */
  list: (db: Db, t?: Translate) => {
    const rows = listCloseReasons(db);
    return t ? rows.map((r) => ({ ...r, label: closeReasonLabel(t, r) })).sort((a, b) => a.label.localeCompare(b.label)) : rows;
  },
  create: (db: Db, label: string, actor: Actor) =>
    tx(db, (t) => {
      const row = insertCloseReason(t, { label: reasonLabel(label), active: true, createdAt: actor.now });
      writeAudit(t, { actorId: actor.actorId, action: "close_reason.create", targetType: "close_reason", targetId: row.id }, actor.now);
      return row;
    }),
  update: (db: Db, id: number, change: { label?: string; active?: boolean }, actor: Actor) =>
    tx(db, (t) => {
      const row = findCloseReason(t, id);
      if (!row) throw notFound(`There is no close reason #${id}.`, { key: "error.reason.notFound", params: { id: String(id) } });
      // An empty change would be an UPDATE with no SET clause (a driver error, i.e. a 500).
      if (change.label === undefined && change.active === undefined) throw badRequest("Give a new label or say whether the reason is active.", { key: "error.reason.emptyChange" });
      if (row.systemKey && change.active === false) throw conflict(`“${row.label}” is used by the system and stays active.`, { key: "error.reason.systemActive", params: { label: row.label } });
      const label = change.label !== undefined ? reasonLabel(change.label) : undefined;
      // A built-in reason given a name of the company's own reads as written from then on, in every language.
      const renamed = label !== undefined && label !== row.label;
      const updated = updateCloseReason(t, id, { ...(label !== undefined ? { label } : {}), ...(renamed ? { builtinKey: null } : {}), ...(change.active !== undefined ? { active: change.active } : {}) })!;
      writeAudit(t, { actorId: actor.actorId, action: "close_reason.update", targetType: "close_reason", targetId: id, details: change }, actor.now);
      return updated;
    }),
  /** A reason that closed chats is archived instead, so those chats keep saying why they closed. */
  remove: (db: Db, id: number, actor: Actor) =>
    tx(db, (t) => {
      const row = findCloseReason(t, id);
      if (!row) throw notFound(`There is no close reason #${id}.`, { key: "error.reason.notFound", params: { id: String(id) } });
      if (row.systemKey) throw conflict(`“${row.label}” is used by the system and can't be deleted.`, { key: "error.reason.systemDelete", params: { label: row.label } });
      const archived = closeReasonInUse(t, id);
      if (archived) updateCloseReason(t, id, { active: false });
      else deleteCloseReasonRow(t, id);
      writeAudit(t, { actorId: actor.actorId, action: archived ? "close_reason.archive" : "close_reason.delete", targetType: "close_reason", targetId: id }, actor.now);
      return { archived };
    }),
};

export const quickReplies = {
  list: (db: Db) => listQuickReplies(db),
  create: (db: Db, input: { shortcut: string; body: string }, actor: Actor) =>
    tx(db, (t) => {
      const valid = validateQuickReply(input);
      if (findQuickReplyByShortcut(t, valid.shortcut)) throw conflict(`The shortcut /${valid.shortcut} is already taken.`, { key: "error.quickReply.taken", params: { shortcut: valid.shortcut } });
      const row = insertQuickReply(t, { ...valid, createdAt: actor.now });
      writeAudit(t, { actorId: actor.actorId, action: "quick_reply.create", targetType: "quick_reply", targetId: row.id }, actor.now);
      return row;
    }),
  /** A new shortcut, body or both; the shortcut stays unique. */
  update: (db: Db, id: number, input: { shortcut: string; body: string }, actor: Actor) =>
    tx(db, (t) => {
      if (!findQuickReply(t, id)) throw notFound(`There is no quick reply #${id}.`, { key: "error.quickReply.notFound", params: { id: String(id) } });
      const valid = validateQuickReply(input);
      const holder = findQuickReplyByShortcut(t, valid.shortcut);
      if (holder && holder.id !== id) throw conflict(`The shortcut /${valid.shortcut} is already taken.`, { key: "error.quickReply.taken", params: { shortcut: valid.shortcut } });
      const row = updateQuickReply(t, id, valid)!;
      writeAudit(t, { actorId: actor.actorId, action: "quick_reply.update", targetType: "quick_reply", targetId: id, details: { shortcut: valid.shortcut } }, actor.now);
      return row;
    }),
  remove: (db: Db, id: number, actor: Actor) =>
    tx(db, (t) => {
      if (!deleteQuickReply(t, id)) throw notFound(`There is no quick reply #${id}.`, { key: "error.quickReply.notFound", params: { id: String(id) } });
      writeAudit(t, { actorId: actor.actorId, action: "quick_reply.delete", targetType: "quick_reply", targetId: id }, actor.now);
    }),
};

export const templates = {
  list: (db: Db, channelId?: number) => listTemplates(db, channelId),
  create: (db: Db, input: { channelId: number; name: string; language: string; body: string }, actor: Actor) =>
    tx(db, (t) => {
      const channel = findChannel(t, input.channelId);
      if (!channel) throw notFound(`There is no channel #${input.channelId}.`, { key: "error.channel.notFound", params: { id: String(input.channelId) } });
      if (channel.type === "instagram" || channel.config.zenviaChannel === "instagram") throw badRequest("Instagram has no message templates.", { key: "error.template.instagram" });
      const ref = validateTemplateRef(input);
      const { body } = validateTemplateBody(input.body);
      if (findTemplate(t, channel.id, ref.name, ref.language)) throw conflict(`The template ${ref.name} (${ref.language}) already exists on this channel.`, { key: "error.template.exists", params: { name: ref.name, language: ref.language } });
      const row = insertTemplate(t, { channelId: channel.id, ...ref, body, createdAt: actor.now });
      writeAudit(t, { actorId: actor.actorId, action: "template.create", targetType: "template", targetId: row.id }, actor.now);
      return row;
    }),
  remove: (db: Db, id: number, actor: Actor) =>
    tx(db, (t) => {
      if (!deleteTemplate(t, id)) throw notFound(`There is no template #${id}.`, { key: "error.template.notFound", params: { id: String(id) } });
      writeAudit(t, { actorId: actor.actorId, action: "template.delete", targetType: "template", targetId: id }, actor.now);
    }),
};
