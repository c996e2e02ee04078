"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { signIn, signOut } from "@/server/auth/config";
import { currentUser } from "@/server/auth/session";
import { signedOut } from "@/server/services/routing/presence";

/** Only same-site paths: an open redirect after sign-in would hand phishing sites our login page. */
function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === "string" ? value : "";
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : "/inbox";
}

export async function loginAction(formData: FormData): Promise<void> {
  const next = safeNext(formData.get("next"));
  try {
    await signIn("credentials", {
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
      timeZone: String(formData.get("timeZone") ?? ""),
      redirectTo: next,
    });
  } catch (error) {
    // A successful signIn throws NEXT_REDIRECT, which must pass through untouched.
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code ?? "unknown";
      const params = new URLSearchParams({ error: code });
      if (next !== "/inbox") params.set("next", next);
      redirect(`/login?${params}`);
    }
    throw error;
  }
}

export async function logoutAction(): Promise<void> {
  // Signing out makes the agent offline at once: nothing more is assigned or offered to them.
  const user = await currentUser();
  if (user) signedOut(getDb(), user.id, Date.now());
  await signOut({ redirectTo: "/login" });
}
