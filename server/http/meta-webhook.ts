import { getDb } from "@/db/client";
import type { MetaProvider } from "@/server/services/webhooks";
import { readBodyLimited } from "./request-body";
import { toResponse } from "./responses";
import { metaHandshakeAnswer, metaWebhookAnswer } from "./webhook-answers";

// WhatsApp and Instagram share Meta's webhook protocol; their route files bind these to a provider.
// Under `npm start` the front server (server/http/front) answers these paths before Next does.

export function metaWebhookGet(type: MetaProvider) {
  return (req: Request): Response => toResponse(metaHandshakeAnswer(getDb(), type, new URL(req.url).searchParams));
}

export function metaWebhookPost(type: MetaProvider) {
  return async (req: Request): Promise<Response> => {
    const raw = await readBodyLimited(req).catch((err: Error) => err);
    return toResponse(metaWebhookAnswer(getDb(), type, raw, req.headers, Date.now()));
  };
}
