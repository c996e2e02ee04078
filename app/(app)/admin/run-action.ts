import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getDb, type Db } from "@/db/client";
import { requireUser } from "@/server/auth/session";
import { assertAdmin, isDomainError, type Action } from "@/server/domain";
import { translateError, type Translate } from "@/server/i18n/locale";
import { requestLocale } from "@/server/i18n/request";
import { systemClock } from "@/server/services/clock";
import type { Actor, PublicUser } from "@/server/services/users";
import { forgetKeptForm, keepRefusedForm } from "@/app/_lib/kept-form";
import { checked, FormInputError } from "./form-data";
import { withStatus, type OkCode } from "./status";
import { redirectAfterForm } from "@/app/_lib/redirect-after-form";

export interface AdminContext {
  db: Db;
  user: PublicUser;
  actor: Actor;
}

/** Where a plain HTML form post by a non-admin is sent: a page (denied/route.ts) that answers 403. */
export const DENIED_PATH = "/admin/denied";

/**
 * Refuses with a 403. A script-driven post (it carries a Next-Action header) gets the 403 page in place.
 * A plain HTML form post can't: Next answers forbidden() there with its 404 page, so it is redirected
 * to a page that answers 403 instead.
 */
export async function deny(): Promise<never> {
  if ((await headers()).has("next-action")) forbidden();
  redirect(DENIED_PATH);
}

/**
 * The signed-in user, if the domain policy lets them do `policy`; others get a 403 (an action id can
 * be posted by anyone who saw it once, so hiding the form is not enough).
 */
export async function adminUser(policy: Action): Promise<PublicUser> {
  const user = await requireUser();
  try {
    assertAdmin(user, policy);
  } catch (error) {
    if (isDomainError(error) && error.code === "FORBIDDEN") return deny();
    throw error;
  }
  return user;
}

/**
 * Where a failed form goes: back, with the domain's message in the reader's language; null when the domain
 * refused the role. Anything unexpected stays an error (logged, 500).
 */
export function failureTarget(back: string, error: unknown, t: Translate): string | null {
  if (error instanceof FormInputError) return withStatus(back, { formError: "invalid" });
  if (isDomainError(error)) return error.code === "FORBIDDEN" ? null : withStatus(back, { error: translateError(t, error) });
  throw error;
}

/**
 * A destructive form's ticked box (see ConfirmForm), checked after the role: without it, back with a
 * "confirm first" message and nothing done.
 */
export async function requireConfirmation(form: FormData, policy: Action, back: string): Promise<void> {
  await adminUser(policy);
  if (!checked(form, "confirm")) await redirectAfterForm(withStatus(back, { formError: "confirm" }));
}

/**
 * Every admin form's shape: check the role, run one service call, redirect back with the outcome.
 * `run` may name another page or success code (e.g. the channel just created). Given the submitted `form`,
 * a refusal brings it back filled in (app/_lib/kept-form.ts).
 */
export async function runAdminAction(
  policy: Action,
  back: string,
  ok: OkCode,
  run: (ctx: AdminContext) => void | { to?: string; ok?: OkCode } | Promise<void | { to?: string; ok?: OkCode }>,
  form?: FormData,
): Promise<never> {
  const user = await adminUser(policy);
  let target: string | null;
  try {
    const result = await run({ db: getDb(), user, actor: { actorId: user.id, now: systemClock() } });
    target = withStatus(result?.to ?? back, { ok: result?.ok ?? ok });
    if (form) await forgetKeptForm(form, back);
  } catch (error) {
    target = failureTarget(back, error, (await requestLocale(user.locale)).t);
    if (form && target !== null) await keepRefusedForm(form, back);
  }
  // Outside the try: redirect() and forbidden() work by throwing.
  if (target === null) return deny();
  return redirectAfterForm(target);
}
