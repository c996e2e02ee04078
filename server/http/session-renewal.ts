import { renewedSessionCookie } from "@/server/auth/session-token";
import type { PublicUser } from "@/server/services/users";
import type { PlainAnswer } from "./responses";

/**
 * An answer to an open inbox's poll, carrying a renewed session cookie when the session is due for one
 * (session-token.ts): the poll is what keeps an agent with the inbox open signed in through a shift.
 */
export async function withRenewedSession(answer: PlainAnswer, user: PublicUser | null, cookieHeader: string | null | undefined): Promise<PlainAnswer> {
  const renewed = user ? await renewedSessionCookie(cookieHeader) : null;
  return renewed ? { ...answer, headers: { ...answer.headers, "Set-Cookie": renewed } } : answer;
}
