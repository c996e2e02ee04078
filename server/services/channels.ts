import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import {
  assertChannelName,
  buildChannelDraft,
  label,
  maskSecret,
  webhookPath,
  type ChannelKind,
} from "@/server/domain/channel-config";
import { conflict, notFound } from "@/server/domain/errors";
import { writeAudit } from "@/server/repositories/audit";
import {
  findChannel,
  findChannelByExternalId,
  insertChannel,
  listChannels,
  updateChannel,
  type ChannelRow,
} from "@/server/repositories/channels";
import type { Actor } from "./users";

export interface ChannelView {
  id: number;
  type: ChannelKind;
  name: string;
  active: boolean;
  externalId: string | null;
  config: Record<string, string>;
  /** Masked: secrets are never shown back in full after saving. */
  secrets: Record<string, string>;
  webhookUrl: string;
  /** Only right after creation: secrets generated for the admin to paste into the provider. */
  generatedSecrets?: Record<string, string>;
}

const newSecret = () => randomBytes(18).toString("base64url");

export function toChannelView(row: ChannelRow, baseUrl: string): ChannelView {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    active: row.active,
    externalId: row.externalId,
    config: row.config,
    secrets: Object.fromEntries(Object.entries(row.secrets).map(([k, v]) => [k, maskSecret(v)])),
    webhookUrl: baseUrl + webhookPath(row.type, row.id),
  };
}

export function createChannel(
  db: Db,
  input: { type: ChannelKind; name: string; fields: Record<string, string | undefined> },
  actor: Actor,
  baseUrl: string,
): ChannelView {
  const name = assertChannelName(input.name);
  const draft = buildChannelDraft(input.type, input.fields, newSecret);
  return db.transaction(
    (tx) => {
      if (draft.externalId && findChannelByExternalId(tx, input.type, draft.externalId)) {
        throw conflict(`A ${input.type} channel for ${draft.externalId} already exists.`, { key: "error.channel.exists", params: { type: label(input.type), externalId: draft.externalId } });
      }
      const { generated, ...stored } = draft;
      const row = insertChannel(tx, { type: input.type, name, ...stored, active: true, createdAt: actor.now });
      writeAudit(tx, { actorId: actor.actorId, action: "channel.create", targetType: "channel", targetId: row.id, details: { type: row.type, name } }, actor.now);
      return { ...toChannelView(row, baseUrl), generatedSecrets: generated };
    },
    { behavior: "immediate" },
  );
}

export function editChannel(
  db: Db,
  id: number,
  input: { name?: string; active?: boolean; fields: Record<string, string | undefined> },
  actor: Actor,
  baseUrl: string,
): ChannelView {
  return db.transaction(
    (tx) => {
      const row = findChannel(tx, id);
      if (!row) throw notFound(`There is no channel #${id}.`, { key: "error.channel.notFound", params: { id: String(id) } });
      const merged = { ...row.config, ...input.fields };
      const draft = buildChannelDraft(row.type, merged, newSecret, row);
      if (draft.externalId && draft.externalId !== row.externalId) {
        const other = findChannelByExternalId(tx, row.type, draft.externalId);
        if (other && other.id !== id) throw conflict(`A ${row.type} channel for ${draft.externalId} already exists.`, { key: "error.channel.exists", params: { type: label(row.type), externalId: draft.externalId } });
      }
      const { generated: _none, ...stored } = draft;
      const updated = updateChannel(tx, id, {
        ...stored,
        name: input.name !== undefined ? assertChannelName(input.name) : row.name,
        active: input.active ?? row.active,
      })!;
      writeAudit(tx, { actorId: actor.actorId, action: "channel.update", targetType: "channel", targetId: id }, actor.now);
      return toChannelView(updated, baseUrl);
    },
    { behavior: "immediate" },
  );
}

export function channelViews(db: Db, baseUrl: string): ChannelView[] {
  return listChannels(db).map((row) => toChannelView(row, baseUrl));
}
