import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { activeUserById, type PublicUser } from "@/server/services/users";
import { auth } from "./config";

/**
 * The signed-in user, re-read from the database on every request so that a deactivated account or a
 * changed role takes effect at once. Cached per request.
 */
export const currentUser = cache(async (): Promise<PublicUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  return activeUserById(getDb(), id);
});

export async function requireUser(): Promise<PublicUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}
