import { redirect } from "next/navigation";
import { requireUser } from "@/server/auth/session";
import { requestLocale } from "@/server/i18n/request";

/**
 * For admin pages: signed out goes to the login page, an agent to the 403 page at /admin/denied.
 */
export async function requireAdmin() {
  const user = await requireUser();
  // Not forbidden(): Next renders that page only in the browser, so without JavaScript it would be blank.
  // /admin/denied answers 403 with a page anyone can read.
  if (user.role !== "admin") redirect("/admin/denied");
  const { locale, t } = await requestLocale(user.locale);
  return { user, locale, t };
}
