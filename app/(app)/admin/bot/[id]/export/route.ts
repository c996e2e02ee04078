import { getDb } from "@/db/client";
import { currentUser } from "@/server/auth/session";
import { isDomainError } from "@/server/domain";
import { flowDetail } from "@/server/services/bot/flows";

// The draft as a JSON file, for backup or another install's import. Administrators only.
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  const id = Number((await ctx.params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return new Response("Not found.", { status: 404 });
  try {
    const { flow } = flowDetail(getDb(), user, id);
    return new Response(JSON.stringify(flow.draft, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="flow-${id}.json"`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (isDomainError(error)) return new Response(error.message, { status: error.code === "FORBIDDEN" ? 403 : 404 });
    throw error;
  }
}
