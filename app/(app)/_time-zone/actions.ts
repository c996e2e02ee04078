"use server";

import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { serverApi } from "@/server/api/caller";

/**
 * The time-zone banner's button (the banner exists only with JavaScript). It answers instead of redirecting:
 * a redirect back to the same page would leave the layout, which shows the banner, as it was; the banner
 * refreshes the whole page itself.
 */
export async function adoptBrowserTimeZoneAction(formData: FormData): Promise<{ error?: string }> {
  try {
    await (await serverApi()).me.setTimeZone({ timeZone: String(formData.get("timeZone") ?? "") });
    return {};
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    if (err.code === "UNAUTHORIZED") redirect("/login");
    return { error: err.message };
  }
}
