import { cookies } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import { currentUser } from "@/server/auth/session";
import { publicUrl } from "@/server/config/env";
import { DRAFT_TTL_MS, FORM_ID_FIELD } from "@/server/domain/form-draft";
import { dropFormDraft, keepFormDraft, readFormDraft } from "@/server/services/form-drafts";

// A refused form comes back filled in with what was typed, with or without JavaScript. The form names itself
// in a hidden field (KeepForm); its action calls keepRefusedForm before redirecting back with the error, which
// stores the values on the server and gives the browser a token in a short-lived HttpOnly cookie scoped to
// the page's path (the text may be long and private: not in the URL, and over a cookie's 4 KB). The page
// reads it with keptForm(id) and fills the fields' defaultValue. A later success of that form drops it.

const COOKIE = "charla-kept-form";

const pathOf = (back: string) => new URL(back, "http://x").pathname;

const formIdOf = (form: FormData) => {
  const value = form.get(FORM_ID_FIELD);
  return typeof value === "string" ? value : null;
};

/** In an action that refused `form` and sends the person back to `back`. */
export async function keepRefusedForm(form: FormData, back: string): Promise<void> {
  const id = formIdOf(form);
  const user = id ? await currentUser() : null;
  if (!id || !user) return;
  const token = keepFormDraft(getDb(), { userId: user.id, form: id, entries: form.entries(), now: Date.now() });
  if (!token) return;
  (await cookies()).set(COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: publicUrl().startsWith("https:"),
    path: pathOf(back),
    maxAge: DRAFT_TTL_MS / 1000,
  });
}

/** In an action that accepted `form`: what it kept from an earlier refusal is no longer wanted. */
export async function forgetKeptForm(form: FormData, back: string): Promise<void> {
  const id = formIdOf(form);
  if (!id) return;
  const jar = await cookies();
  const token = jar.get(COOKIE)?.value;
  if (token && dropFormDraft(getDb(), { token, form: id })) jar.delete({ name: COOKIE, path: pathOf(back) });
}

/** The values a form had when it was refused, read by field name; empty for any other form. */
export interface KeptForm {
  /** The form's hidden FORM_ID_FIELD value, for <KeepForm>. */
  id: string;
  /** Whether this form was refused and has values to show. */
  held: boolean;
  value(name: string): string | undefined;
  values(name: string): string[] | undefined;
  /** A field's defaultValue: what was typed when the form was refused (the `index`-th of a repeated name), else `saved`. */
  valueOr(name: string, saved: string, index?: number): string;
}

const requestDraft = cache(async () => {
  const token = (await cookies()).get(COOKIE)?.value;
  const user = token ? await currentUser() : null;
  return token && user ? readFormDraft(getDb(), { userId: user.id, token, now: Date.now() }) : null;
});

export async function keptForm(id: string): Promise<KeptForm> {
  const draft = await requestDraft();
  const held = draft?.form === id;
  const fields = held ? draft.fields : {};
  const read = (name: string) => (Object.hasOwn(fields, name) ? fields[name] : undefined);
  return { id, held, value: (name) => read(name)?.[0], values: read, valueOr: (name, saved, index = 0) => read(name)?.[index] ?? saved };
}
