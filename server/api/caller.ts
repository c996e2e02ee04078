import { cache } from "react";
import { currentUser } from "@/server/auth/session";
import { requestLocale } from "@/server/i18n/request";
import { createCaller } from "./root";
import { createContext } from "./trpc";

/**
 * The tRPC caller for server components and server actions: pages and forms go through the same
 * procedures (zod input, role check, service) as the JSON API, so every rule holds on both paths.
 */
export const serverApi = cache(async () => {
  const user = await currentUser();
  const { locale } = await requestLocale(user?.locale);
  return createCaller(createContext(user, undefined, undefined, locale));
});
