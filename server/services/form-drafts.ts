import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { DRAFT_TTL_MS, isFormId, keptFields } from "@/server/domain/form-draft";
import { deleteExpiredFormDrafts, deleteFormDraft, deleteFormDraftsOf, findFormDraft, insertFormDraft } from "@/server/repositories/form-drafts";

// The kept form (server/domain/form-draft.ts): what someone typed into a refused form, stored under a random
// token that only their browser holds, read back when the page shows the form again.

const hash = (token: string) => crypto.createHash("sha256").update(token).digest("base64url");

export interface KeptDraft {
  form: string;
  fields: Record<string, string[]>;
}

/** Keeps what a refused form held; the token to give the browser, or null when there was nothing to keep. */
export function keepFormDraft(db: Db, input: { userId: number; form: string; entries: Iterable<[string, unknown]>; now: number }): string | null {
  if (!isFormId(input.form)) return null;
  const fields = keptFields(input.entries);
  if (!fields) return null;
  const token = crypto.randomBytes(24).toString("base64url");
  db.transaction((tx) => {
    deleteExpiredFormDrafts(tx, input.now);
    deleteFormDraftsOf(tx, input.userId, input.form);
    insertFormDraft(tx, { tokenHash: hash(token), userId: input.userId, form: input.form, fields, expiresAt: input.now + DRAFT_TTL_MS });
  });
  return token;
}

/** The draft behind a browser's token: only its author's, and only until it expires. */
export function readFormDraft(db: Db, input: { userId: number; token: string; now: number }): KeptDraft | null {
  const row = findFormDraft(db, hash(input.token));
  if (!row || row.userId !== input.userId || row.expiresAt <= input.now) return null;
  return { form: row.form, fields: row.fields };
}

/** The form went through this time: its draft has served. True when there was one to drop. */
export function dropFormDraft(db: Db, input: { token: string; form: string }): boolean {
  return deleteFormDraft(db, hash(input.token), input.form);
}
