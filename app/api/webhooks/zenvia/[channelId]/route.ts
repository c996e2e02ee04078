import { getDb } from "@/db/client";
import { kickMediaDownloads } from "@/server/jobs/kick";
import { readBodyLimited } from "@/server/http/request-body";
import { errorResponse, json } from "@/server/http/responses";
import { receiveZenviaWebhook, zenviaChannel } from "@/server/services/webhooks";

// Zenvia posts MESSAGE and MESSAGE_STATUS events here; the channel id in the URL picks the channel and
// its secret header authenticates the call.
export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ channelId: string }> }): Promise<Response> {
  try {
    const { channelId } = await params;
    const db = getDb();
    zenviaChannel(db, channelId);
    const raw = await readBodyLimited(req);
    const receipt = receiveZenviaWebhook(db, channelId, raw, req.headers, Date.now());
    if (receipt.pendingMedia) kickMediaDownloads();
    return json({ ok: true });
  } catch (err) {
    return errorResponse(err, "webhook zenvia");
  }
}
