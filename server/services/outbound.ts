import type { Db, DbOrTx } from "@/db/client";
import type { OutboundMessage } from "@/server/channels/types";
import { outboxOutcome, type OutboxOutcome, type SendVerdict } from "@/server/domain/outbox-retry";
import { findChannel, type ChannelRow } from "@/server/repositories/channels";
import { identityForContact } from "@/server/repositories/contacts";
import { deleteMessageRow } from "@/server/repositories/outbox";
import { attachmentsOfMessages, findByProviderId, findMessage, updateMessage, type MessageRow } from "@/server/repositories/messages";
import { publicMediaUrl } from "./public-media";

// The dispatcher's two database steps around a send: turn a claimed message into what the adapter
// sends, and record what the provider answered.

export type PreparedSend =
  | { ok: true; channel: ChannelRow; outbound: OutboundMessage }
  | { ok: false; reason: string };

export function prepareOutbound(db: DbOrTx, message: MessageRow, now: number): PreparedSend {
  const channel = findChannel(db, message.channelId);
  if (!channel) return { ok: false, reason: "The channel no longer exists." };
  if (!channel.active) return { ok: false, reason: `The channel “${channel.name}” is deactivated.` };
  if (message.deletedAt) return { ok: false, reason: "The message was deleted before it was sent." };
  // Notes are stored without a delivery status, so they are never queued; this guard keeps it so should one be.
  if (message.kind === "note") return { ok: false, reason: "A private note is for the team only and is never sent." };
  const identity = identityForContact(db, message.contactId, channel.id);
  if (!identity) return { ok: false, reason: `The contact has no address on “${channel.name}”.` };

  const outbound: OutboundMessage = {
    to: { externalId: identity.externalId, ...(identity.phone ? { phone: identity.phone } : {}) },
    kind: message.kind,
    ...(message.body !== null ? { body: message.body } : {}),
    ...(message.payload ? { payload: message.payload } : {}),
    ...(message.replyToProviderId ? { replyToProviderId: message.replyToProviderId } : {}),
  };
  if (["image", "audio", "video", "file"].includes(message.kind)) {
    const file = attachmentsOfMessages(db, [message.id]).find((a) => a.status === "ready");
    if (!file) return { ok: false, reason: "The file of this message is missing." };
    outbound.media = {
      url: publicMediaUrl(file.id, now),
      ...(file.mimeType ? { mimeType: file.mimeType } : {}),
      ...(file.fileName ? { fileName: file.fileName } : {}),
    };
  }
  return { ok: true, channel, outbound };
}

/**
 * Applies the verdict to a message this dispatcher claimed at `claimedAt`. A message someone else has
 * settled meanwhile (restart recovery, a retry) is left alone.
 */
export function recordSendResult(db: Db, messageId: number, claimedAt: number, verdict: SendVerdict, now: number): OutboxOutcome | null {
  return db.transaction(
    (tx) => {
      const row = findMessage(tx, messageId);
      if (!row || row.status !== "queued" || row.sendingSince !== claimedAt) return null;
      const outcome = outboxOutcome(verdict, row.attempts, now);
      switch (outcome.status) {
        case "sent":
          dropEchoCopy(tx, row, outcome.providerMessageId);
          updateMessage(tx, row.id, { status: "sent", providerMessageId: outcome.providerMessageId, statusReason: null, sendingSince: null, nextAttemptAt: null });
          break;
        case "queued":
          // The last reason is kept so the chat can say why it is still waiting.
          updateMessage(tx, row.id, { statusReason: outcome.reason, sendingSince: null, nextAttemptAt: outcome.nextAttemptAt });
          break;
        case "failed":
          updateMessage(tx, row.id, { status: "failed", statusReason: outcome.reason, sendingSince: null, nextAttemptAt: null });
          break;
      }
      return outcome;
    },
    { behavior: "immediate" },
  );
}

/**
 * Instagram echoes what we send; an echo that arrived before the send was recorded was stored as its
 * own outbound row with the same provider id. Ours is the real one: the copy goes.
 */
function dropEchoCopy(tx: DbOrTx, ours: MessageRow, providerMessageId: string): void {
  const copy = findByProviderId(tx, ours.channelId, providerMessageId);
  if (copy && copy.id !== ours.id && copy.direction === "out" && copy.authorId === null) {
    deleteMessageRow(tx, copy.id);
  }
}
