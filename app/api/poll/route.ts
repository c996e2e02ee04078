import { getDb } from "@/db/client";
import { requestUser } from "@/server/auth/request-user";
import { poll } from "@/server/services/poll";

// The inbox polls this every few seconds. An unchanged answer is a 304 with no body and no queries
// beyond the session check (cached per cookie, see request-user.ts) and the database's change counter.
export async function GET(req: Request): Promise<Response> {
  const user = await requestUser(req);
  if (!user) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  const known = req.headers.get("if-none-match")?.replace(/^W\//, "").replace(/"/g, "") ?? null;
  const answer = poll(getDb(), user, known);
  const headers = { ETag: `"${answer.version}"`, "Cache-Control": "private, no-cache" };
  if (!answer.changed) return new Response(null, { status: 304, headers });
  return Response.json(answer, { headers });
}
