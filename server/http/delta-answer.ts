import type { Db } from "@/db/client";
import { deltaInput } from "@/server/api/routers/inbox-delta.schema";
import { isDomainError } from "@/server/domain/errors";
import { translateError, translator } from "@/server/i18n/locale";
import { liveDelta } from "@/server/services/live-delta";
import { noteSeen } from "@/server/services/routing/presence";
import type { PublicUser } from "@/server/services/users";
import { errorAnswer, type PlainAnswer } from "./responses";
import { withRenewedSession } from "./session-renewal";

// GET /api/trpc/inbox.delta, answered by the front server without Next or tRPC's request handling (the
// call every open tab makes every few seconds), in the envelope tRPC's httpLink reads. Unlike the tRPC
// route, "nothing changed" is a 304 with no body, the sequence in its ETag (the browser's link reads it).

const JSON_HEADERS = { "Content-Type": "application/json", "Cache-Control": "private, no-cache" };

function trpcError(status: number, code: string, message: string): PlainAnswer {
  return { status, headers: JSON_HEADERS, body: JSON.stringify({ error: { message, code: -32000, data: { code, httpStatus: status, path: "inbox.delta" } } }) };
}

function deltaAnswer(db: Db, user: PublicUser | null, rawInput: string | null, now: number): PlainAnswer {
  if (!user) return trpcError(401, "UNAUTHORIZED", "Sign in to continue.");
  let json: unknown;
  try {
    json = JSON.parse(rawInput ?? "");
  } catch {
    return trpcError(400, "BAD_REQUEST", "The input is not JSON.");
  }
  const input = deltaInput.safeParse(json);
  if (!input.success) return trpcError(400, "BAD_REQUEST", input.error.issues[0]?.message ?? "Invalid input.");
  try {
    const answer = liveDelta(db, { ...user, locale: input.data.locale }, input.data, now);
    // The poll is the agent's heartbeat for availability: a map lookup, and a write at most once a minute.
    noteSeen(db, user.id, now);
    const etag = { ETag: `"${answer.seq}"` };
    if (answer.unchanged) return { status: 304, headers: { "Cache-Control": "private, no-cache", ...etag }, body: null };
    return { status: 200, headers: { ...JSON_HEADERS, ...etag }, body: JSON.stringify({ result: { data: answer } }) };
  } catch (err) {
    if (isDomainError(err)) return trpcError(err.code === "FORBIDDEN" ? 403 : 400, err.code, translateError(translator(input.data.locale), err));
    return errorAnswer(err, "inbox.delta");
  }
}

export function deltaAnswerRenewing(db: Db, user: PublicUser | null, cookieHeader: string | null | undefined, rawInput: string | null, now: number): Promise<PlainAnswer> {
  return withRenewedSession(deltaAnswer(db, user, rawInput, now), user, cookieHeader);
}
