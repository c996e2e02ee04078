import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { serverApi } from "@/server/api/caller";
import { currentUser } from "@/server/auth/session";
import { isDomainError } from "@/server/domain/errors";
import { translateError } from "@/server/i18n/locale";
import { requestLocale } from "@/server/i18n/request";
import { safeReturnTo, withOutcome } from "@/app/_lib/form-redirect";
import { forgetKeptForm, keepRefusedForm } from "@/app/_lib/kept-form";
import { redirectAfterForm } from "@/app/_lib/redirect-after-form";

// One form post as the inbox's actions run it (actions.ts does the same for its own): call the tRPC
// procedure, then go back to `returnTo` with ?ok= or the refusal in the reader's language as ?error=
// (redirect-after-form.ts says how it travels).

type Api = Awaited<ReturnType<typeof serverApi>>;

export async function performForm(
  formData: FormData,
  work: (api: Api) => Promise<unknown>,
  options: { ok?: string; fallback?: string; after?: (result: unknown, back: string) => string | undefined } = {},
): Promise<never> {
  const back = safeReturnTo(formData.get("returnTo"), options.fallback ?? "/inbox");
  let target = back;
  let error: string | undefined;
  let forbidden = false;
  try {
    const result = await work(await serverApi());
    target = options.after?.(result, back) ?? back;
  } catch (err) {
    if (err instanceof TRPCError && err.code === "UNAUTHORIZED") redirect("/login");
    const rule = isDomainError(err) ? err : err instanceof TRPCError && isDomainError(err.cause) ? err.cause : null;
    forbidden = rule?.code === "FORBIDDEN" || (err instanceof TRPCError && err.code === "FORBIDDEN");
    const t = async () => (await requestLocale((await currentUser())?.locale)).t;
    if (rule) error = translateError(await t(), rule);
    // zod's own wording is English and names fields: a form-level message instead.
    else if (err instanceof z.ZodError || (err instanceof TRPCError && err.cause instanceof z.ZodError)) error = (await t())("error.input");
    else if (err instanceof TRPCError) error = err.message;
    else throw err;
  }
  // A form that names itself (KeepForm) comes back filled in after a refusal, except a refusal of who you
  // are: nothing to retry there.
  if (error === undefined) await forgetKeptForm(formData, back);
  else if (!forbidden) await keepRefusedForm(formData, back);
  return redirectAfterForm(withOutcome(target, error ? { error } : { ok: options.ok ?? "ok" }));
}
