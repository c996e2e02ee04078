import type { Db } from "@/db/client";
import { assertAdmin, notFound, type Viewer } from "@/server/domain";
import { writeAudit } from "@/server/repositories/audit";
import { chatsOfContact } from "@/server/repositories/chats";
import { countIdentitiesOfContact, deleteContactRow, findContact } from "@/server/repositories/contacts";
import { deleteAttachmentsOfContact, messageIdsOfContact } from "@/server/repositories/messages";
import { removeUnreferencedFiles } from "./deletion";

// The right to erasure (LGPD art. 18, GDPR art. 17): a contact and everything they sent or received
// go for good — chats, messages, files, identities. The audit entry proves it happened and keeps only
// ids and counts, never a name, number or text.

export interface ErasureReport {
  contactId: number;
  chats: number;
  messages: number;
  attachments: number;
  identities: number;
}

export function eraseContact(db: Db, admin: Viewer, contactId: number, now: number): ErasureReport {
  assertAdmin(admin, "eraseContacts");
  const client = db.$client;
  // Freed pages are zeroed rather than left readable in the file until they are reused.
  const secureBefore = client.pragma("secure_delete", { simple: true });
  client.pragma("secure_delete = ON");
  try {
    const { report, files } = db.transaction(
      (tx) => {
        if (!findContact(tx, contactId)) throw notFound(`There is no contact #${contactId}.`, { key: "error.contact.notFound", params: { id: String(contactId) } });
        const chatIds = chatsOfContact(tx, contactId).map((c) => c.id);
        const messageCount = messageIdsOfContact(tx, contactId).length;
        const files = deleteAttachmentsOfContact(tx, contactId);
        const identities = countIdentitiesOfContact(tx, contactId);
        deleteContactRow(tx, contactId);
        const report = { contactId, chats: chatIds.length, messages: messageCount, attachments: files.length, identities };
        const { contactId: _id, ...counts } = report;
        writeAudit(tx, { actorId: admin.id, action: "contact.erase", targetType: "contact", targetId: contactId, details: { ...counts, chatIds } }, now);
        return { report, files };
      },
      { behavior: "immediate" },
    );
    removeUnreferencedFiles(db, files);
    return report;
  } finally {
    client.pragma(`secure_delete = ${Number(secureBefore) ? "ON" : "OFF"}`);
  }
}
