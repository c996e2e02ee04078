import type { Db } from "@/db/client";
import { notFound, type Viewer } from "@/server/domain";
import { assertCanEditContact, contactChanges, validateContactDetails, type ContactDetailsInput } from "@/server/domain/contact-rules";
import { writeAudit } from "@/server/repositories/audit";
import { chatsOfContact } from "@/server/repositories/chats";
import { findContact, updateContact, type ContactRow } from "@/server/repositories/contacts";
import { readSettings } from "@/server/repositories/settings";

/**
 * An agent corrects or completes a contact's details. Only what changed is written, and the audit log keeps
 * each changed field's value before and after.
 */
export function updateContactDetails(db: Db, viewer: Viewer, contactId: number, input: ContactDetailsInput, now: number): ContactRow {
  return db.transaction(
    (tx) => {
      const contact = findContact(tx, contactId);
      if (!contact) throw notFound(`There is no contact #${contactId}.`, { key: "error.contact.notFound", params: { id: String(contactId) } });
      assertCanEditContact(viewer, chatsOfContact(tx, contactId), readSettings(tx).sharedInbox);
      // A field the caller leaves out keeps its value; null or "" clears it.
      const keep = <K extends "email" | "phone" | "notes">(key: K) => (input[key] === undefined ? contact[key] : input[key]);
      const next = validateContactDetails({ name: input.name, email: keep("email"), phone: keep("phone"), notes: keep("notes") });
      const changes = contactChanges(contact, next);
      const fields = Object.keys(changes) as (keyof typeof changes)[];
      if (!fields.length) return contact;
      // A name an agent chose stays: the profile name providers send with each message no longer replaces it.
      updateContact(tx, contactId, { ...Object.fromEntries(fields.map((f) => [f, next[f]])), ...(changes.name ? { nameLocked: true } : {}) });
      writeAudit(tx, { actorId: viewer.id, action: "contact.update", targetType: "contact", targetId: contactId, details: changes }, now);
      return { ...contact, ...next, nameLocked: contact.nameLocked || Boolean(changes.name) };
    },
    { behavior: "immediate" },
  );
}
