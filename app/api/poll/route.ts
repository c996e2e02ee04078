import { getDb } from "@/db/client";
import { requestUser } from "@/server/auth/request-user";
import { pollAnswerRenewing } from "@/server/http/poll-answer";
import { toResponse } from "@/server/http/responses";

// The inbox polls this every few seconds. An unchanged answer is a 304 with no body and no queries
// beyond the session check (cached per cookie, see session-token.ts) and the database's change counter.
// Under `npm start` the front server (server/http/front) answers it before Next; this serves `next dev`.
export async function GET(req: Request): Promise<Response> {
  const user = await requestUser(req);
  return toResponse(await pollAnswerRenewing(getDb(), user, req.headers.get("cookie"), req.headers.get("if-none-match")));
}
