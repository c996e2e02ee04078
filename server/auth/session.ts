import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { activeUserById, type PublicUser } from "@/server/services/users";
import { auth } from "./config";
import { cookieSessionUserId } from "./session-token";

/**
 * The signed-in user, re-read from the database on every request so that a deactivated account or a
 * changed role takes effect at once. Cached per request. The session cookie is decoded through the
 * per-cookie cache the poll uses (session-token.ts); Auth.js decides when that cannot.
 */
export const currentUser = cache(async (): Promise<PublicUser | null> => {
  let id = await cookieSessionUserId((await headers()).get("cookie"));
  if (id === undefined) {
    const session = await auth();
    id = Number(session?.user?.id);
  }
  if (id === null || !Number.isInteger(id) || id <= 0) return null;
  return activeUserById(getDb(), id);
});

export async function requireUser(): Promise<PublicUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}
