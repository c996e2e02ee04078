import { badRequest, forbidden } from "./errors";
import { graphemeCount } from "./text";
import { canSeeChat } from "./visibility";
import type { Viewer } from "./types";

// What agents may change about a contact (name, e-mail, phone, notes) and how it must look. Phones are
// kept as the channels give them: digits only, country code first, no "+".

export const CONTACT_NAME_MAX = 100;
export const CONTACT_NOTES_MAX = 2000;

export interface ContactDetailsInput {
  name: string;
  email?: string | null;
  phone?: string | null;
  notes?: string | null;
}

export interface ContactDetails {
  name: string;
  email: string | null;
  phone: string | null;
  notes: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

function optional(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function validateContactDetails(input: ContactDetailsInput): ContactDetails {
  const name = input.name.trim().replace(/\s+/g, " ");
  if (!name) throw badRequest("The contact needs a name.", { key: "error.contact.nameRequired" });
  if (graphemeCount(name) > CONTACT_NAME_MAX) {
    throw badRequest(`A contact's name may hold up to ${CONTACT_NAME_MAX} characters.`, { key: "error.contact.nameTooLong", params: { max: CONTACT_NAME_MAX } });
  }
  const email = optional(input.email);
  if (email !== null && (email.length > 254 || !EMAIL.test(email))) {
    throw badRequest(`“${email}” is not an e-mail address (like name@example.com).`, { key: "error.contact.email", params: { value: email } });
  }
  const typedPhone = optional(input.phone);
  let phone: string | null = null;
  if (typedPhone !== null) {
    const digits = typedPhone.replace(/[\s().-]/g, "").replace(/^\+/, "");
    if (!/^\d{6,15}$/.test(digits)) {
      throw badRequest(`“${typedPhone}” is not a phone number: use 6 to 15 digits with the country code, like +55 11 91234-5678.`, {
        key: "error.contact.phone",
        params: { value: typedPhone },
      });
    }
    phone = digits;
  }
  const notes = optional(input.notes);
  if (notes !== null && graphemeCount(notes) > CONTACT_NOTES_MAX) {
    throw badRequest(`Notes about a contact may hold up to ${CONTACT_NOTES_MAX} characters.`, { key: "error.contact.notesTooLong", params: { max: CONTACT_NOTES_MAX } });
  }
  return { name, email, phone, notes };
}

/** The fields whose value changes, each with its value before and after. */
export function contactChanges(before: ContactDetails, after: ContactDetails): Partial<Record<keyof ContactDetails, { from: string | null; to: string | null }>> {
  const out: Partial<Record<keyof ContactDetails, { from: string | null; to: string | null }>> = {};
  for (const key of ["name", "email", "phone", "notes"] as const) {
    if (before[key] !== after[key]) out[key] = { from: before[key], to: after[key] };
  }
  return out;
}

/**
 * Whoever may see one of the contact's chats may edit the contact: with the shared inbox off, an agent
 * edits only the people they talk to (their chats and the unassigned ones).
 */
export function assertCanEditContact(viewer: Viewer, chats: readonly { assigneeId: number | null }[], sharedInbox: boolean): void {
  if (viewer.role === "admin" || chats.some((c) => canSeeChat(viewer, c, sharedInbox))) return;
  throw forbidden("This contact's chats are assigned to another agent, and the inbox isn't shared.", { key: "error.visibility.contact" });
}
