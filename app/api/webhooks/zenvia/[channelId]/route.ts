import { getDb } from "@/db/client";
import { readBodyLimited } from "@/server/http/request-body";
import { errorResponse, toResponse } from "@/server/http/responses";
import { zenviaWebhookAnswer } from "@/server/http/webhook-answers";
import { zenviaChannel } from "@/server/services/webhooks";

// Zenvia posts MESSAGE and MESSAGE_STATUS events here; the channel id in the URL picks the channel and
// its secret header authenticates the call. Under `npm start` the front server answers it before Next.
export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ channelId: string }> }): Promise<Response> {
  const { channelId } = await params;
  const db = getDb();
  try {
    // 404 before reading the body of a call for no channel of ours.
    zenviaChannel(db, channelId);
  } catch (err) {
    return errorResponse(err, "webhook zenvia");
  }
  const raw = await readBodyLimited(req).catch((err: Error) => err);
  return toResponse(zenviaWebhookAnswer(db, channelId, raw, req.headers, Date.now()));
}
