import type { Db } from "@/db/client";
import type { PublicUser } from "@/server/services/users";
import { poll } from "@/server/services/poll";
import { jsonAnswer, type PlainAnswer } from "./responses";

/**
 * GET /api/poll for a signed-in user (or nobody): a 304 with no body when the ETag the browser sends is
 * still current, the counters otherwise.
 */
export function pollAnswer(db: Db, user: PublicUser | null, ifNoneMatch: string | null | undefined): PlainAnswer {
  if (!user) return jsonAnswer({ error: "Sign in to continue." }, 401);
  const known = ifNoneMatch?.replace(/^W\//, "").replace(/"/g, "") ?? null;
  const answer = poll(db, user, known);
  const headers = { ETag: `"${answer.version}"`, "Cache-Control": "private, no-cache" };
  if (!answer.changed) return { status: 304, headers, body: null };
  return { status: 200, headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(answer) };
}
