import { forbidden } from "next/navigation";
import { requireUser } from "@/server/auth/session";
import { requestLocale } from "@/server/i18n/request";

/**
 * For admin pages: signed out goes to the login page, an agent gets the 403 page (forbidden.tsx beside
 * this file). Called by each page rather than a layout so the 403 renders inside the app shell.
 */
export async function requireAdmin() {
  const user = await requireUser();
  if (user.role !== "admin") forbidden();
  const { locale, t } = await requestLocale(user.locale);
  return { user, locale, t };
}
