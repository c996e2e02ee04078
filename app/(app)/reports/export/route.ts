import { getDb, openDatabase } from "@/db/client";
import { currentUser } from "@/server/auth/session";
import { errorResponse, json } from "@/server/http/responses";
import { reportCsvLines } from "@/server/services/report-export";
import { readReportParams } from "../query";

// The reports page's per-chat rows as CSV, streamed: each pull of the stream reads a batch of rows from the
// database's iterator, so a year of chats is never in memory. Same scope as the page (agents: their own).
// An open iterator keeps its connection busy, so the export reads on a connection of its own (WAL: a
// consistent snapshot that blocks no writer), closed when the last row is out or the download stops.
export const dynamic = "force-dynamic";

const BATCH = 500;

export async function GET(req: Request): Promise<Response> {
  try {
    const user = await currentUser();
    if (!user) return json({ ok: false, error: "Sign in to continue." }, 401);
    const query = readReportParams(new URL(req.url).searchParams);
    // Built before the response starts, so a refusal is a 403 and not a broken download.
    const own = openDatabase(getDb().$client.name, { migrate: false });
    const lines = (function* () {
      try {
        yield* reportCsvLines(own, user, query, Date.now());
      } finally {
        own.$client.close();
      }
    })();
    const first = lines.next();
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        if (!first.done) controller.enqueue(encoder.encode(first.value));
      },
      pull(controller) {
        let chunk = "";
        for (let i = 0; i < BATCH; i++) {
          const next = lines.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += next.value;
        }
        controller.enqueue(encoder.encode(chunk));
      },
      cancel() {
        // Ends the generator: the database iterator and the connection close.
        lines.return(undefined);
      },
    });
    const stamp = new Date().toISOString().slice(0, 10);
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="charla-report-${stamp}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (err) {
    return errorResponse(err, "reports export");
  }
}
