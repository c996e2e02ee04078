import type { Db } from "@/db/client";
import type { PublicUser } from "@/server/services/users";
import { poll } from "@/server/services/poll";
import { jsonAnswer, type PlainAnswer } from "./responses";
import { withRenewedSession } from "./session-renewal";

/**
 * GET /api/poll for a signed-in user (or nobody): a 304 with no body when the ETag the browser sends is
 * still current, the counters otherwise.
 */
function pollAnswer(db: Db, user: PublicUser | null, ifNoneMatch: string | null | undefined): PlainAnswer {
  if (!user) return jsonAnswer({ error: "Sign in to continue." }, 401);
  const known = ifNoneMatch?.replace(/^W\//, "").replace(/"/g, "") ?? null;
  const answer = poll(db, user, known);
  const headers = { ETag: `"${answer.version}"`, "Cache-Control": "private, no-cache" };
  if (!answer.changed) return { status: 304, headers, body: null };
  return { status: 200, headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(answer) };
}

/** The poll's answer, carrying a renewed session cookie when the session is due for one (session-token.ts). */
export async function pollAnswerRenewing(db: Db, user: PublicUser | null, cookieHeader: string | null | undefined, ifNoneMatch: string | null | undefined): Promise<PlainAnswer> {
  return withRenewedSession(pollAnswer(db, user, ifNoneMatch), user, cookieHeader);
}
