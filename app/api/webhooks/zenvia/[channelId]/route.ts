import { getDb } from "@/db/client";
import { readBodyLimited } from "@/server/http/request-body";
import { toResponse } from "@/server/http/responses";
import { zenviaUnknownChannelAnswer, zenviaWebhookAnswer } from "@/server/http/webhook-answers";

// Zenvia posts MESSAGE and MESSAGE_STATUS events here; the channel id in the URL picks the channel and
// its secret header authenticates the call. Under `npm start` the front server answers it before Next.
export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ channelId: string }> }): Promise<Response> {
  const { channelId } = await params;
  const db = getDb();
  // 404 before reading the body of a call for no channel of ours.
  const unknown = zenviaUnknownChannelAnswer(db, channelId);
  if (unknown) return toResponse(unknown);
  const raw = await readBodyLimited(req).catch((err: Error) => err);
  return toResponse(zenviaWebhookAnswer(db, channelId, raw, req.headers, Date.now()));
}
