import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { publicUrl } from "@/server/config/env";
import { FLASH_COOKIE, FLASH_MAX_AGE_S, OUTCOME_HEADER, restoreOutcome, takeOutcome } from "./flash-outcome";

/**
 * Ends a form's server action: back to `target` (a path whose query may carry ?ok= / ?error= / ?formError=).
 * A post made by the page's JavaScript carries Next's action header and keeps the outcome in the query;
 * a plain HTML form post carries it in the one-shot cookie (flash-outcome.ts).
 */
export async function redirectAfterForm(target: string): Promise<never> {
  if (!(await headers()).has("next-action")) {
    const { clean, outcome } = takeOutcome(target);
    if (outcome !== null) {
      (await cookies()).set(FLASH_COOKIE, outcome, { httpOnly: true, sameSite: "lax", secure: publicUrl().startsWith("https:"), path: "/", maxAge: FLASH_MAX_AGE_S });
      redirect(clean);
    }
  }
  redirect(target);
}

/** A page's query with the outcome a plain form post carried beside it (see proxy.ts) put back in. */
export async function withCarriedOutcome<T extends Record<string, string | string[] | undefined>>(params: T): Promise<T> {
  const carried = (await headers()).get(OUTCOME_HEADER);
  const outcome = carried ? restoreOutcome(new URLSearchParams(), carried) : null;
  return outcome ? { ...params, ...Object.fromEntries(outcome) } : params;
}
