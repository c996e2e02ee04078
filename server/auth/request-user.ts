import { getDb } from "@/db/client";
import type { PublicUser } from "@/server/services/users";
import { currentUser } from "./session";
import { userFromCookieHeader } from "./session-token";

/** currentUser() for route handlers polled often (see session-token.ts); Auth.js decides the unusual cookies. */
export async function requestUser(req: Request): Promise<PublicUser | null> {
  const user = await userFromCookieHeader(getDb(), req.headers.get("cookie"));
  return user === undefined ? currentUser() : user;
}
