"use server";

import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { withOutcome } from "@/app/_lib/form-redirect";
import { forgetKeptForm, keepRefusedForm } from "@/app/_lib/kept-form";
import { serverApi } from "@/server/api/caller";
import { redirectAfterForm } from "@/app/_lib/redirect-after-form";

async function run(form: FormData, work: () => Promise<unknown>): Promise<never> {
  let target = withOutcome("/profile", { ok: "ok" });
  try {
    await work();
    await forgetKeptForm(form, "/profile");
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    if (err.code === "UNAUTHORIZED") redirect("/login");
    target = withOutcome("/profile", { error: err.message });
    await keepRefusedForm(form, "/profile");
  }
  return redirectAfterForm(target);
}

export async function updateProfileAction(formData: FormData): Promise<void> {
  const locale = String(formData.get("locale") ?? "");
  await run(formData, async () => (await serverApi()).me.updateProfile({ locale: locale || null, timeZone: String(formData.get("timeZone") ?? "") }));
}

export async function changePasswordAction(formData: FormData): Promise<void> {
  await run(formData, async () => (await serverApi()).me.changePassword({ current: String(formData.get("current") ?? ""), next: String(formData.get("next") ?? "") }));
}
