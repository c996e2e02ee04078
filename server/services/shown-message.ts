import type { AttachmentRow, MessageRow } from "@/server/repositories/messages";

/**
 * A message and a file as the chat pane shows them: what the browser needs, without the delivery bookkeeping
 * (provider ids, attempts, leases) — every page render and live update carries them, and at half the bytes.
 */
export type ShownMessage = Pick<MessageRow, "id" | "direction" | "authorKind" | "authorId" | "kind" | "body" | "payload" | "status" | "statusReason" | "createdAt" | "deletedAt">;
export type ShownAttachment = Pick<AttachmentRow, "id" | "messageId" | "fileName" | "mimeType" | "size" | "status">;

export function shownMessage(m: ShownMessage): ShownMessage {
  return { id: m.id, direction: m.direction, authorKind: m.authorKind, authorId: m.authorId, kind: m.kind, body: m.body, payload: m.payload, status: m.status, statusReason: m.statusReason, createdAt: m.createdAt, deletedAt: m.deletedAt };
}

export function shownAttachment(a: ShownAttachment): ShownAttachment {
  return { id: a.id, messageId: a.messageId, fileName: a.fileName, mimeType: a.mimeType, size: a.size, status: a.status };
}
