import { z } from "zod";
import { getDb } from "@/db/client";
import { WebhookError } from "@/server/channels/types";
import { postVisitorMessage, visitorConversation, webchatChannelById } from "@/server/services/webchat";
import { readBodyLimited, parseJsonBody } from "./request-body";
import { clientIp } from "./rate-limit";
import { errorResponse, json } from "./responses";
import { corsFor } from "./webchat-cors";
import { API_COOKIE, decodeSession, newVisitorId, readCookie, sessionCookies, setCookieLine, webchatLimits, type VisitorSession } from "./webchat-session";

// The web chat API behind /api/webchat/{channelId}/messages: POST sends a visitor's message,
// GET ?after=ID polls for new ones. The visitor is whoever holds the session cookie.

type Params = { params: Promise<{ channelId: string }> };

const postSchema = z.object({
  text: z.string().max(20_000),
  clientMessageId: z.string(),
  name: z.string().max(400).optional(),
  choiceId: z.string().max(200).optional(),
});

const BODY_LIMIT = 32 * 1024;

function tooMany(retryAfter: number, headers: Record<string, string>): Response {
  return json({ ok: false, error: "Too many messages; wait a moment." }, 429, { ...headers, "Retry-After": String(retryAfter) });
}

async function withChannel(req: Request, params: Params["params"], handle: (channelId: string, cors: Record<string, string>) => Promise<Response> | Response): Promise<Response> {
  let cors: Record<string, string> = {};
  try {
    const { channelId } = await params;
    const channel = webchatChannelById(getDb(), channelId);
    const decision = corsFor(req, channel);
    if (!decision.allowed) return json({ ok: false, error: "This site may not use this chat." }, 403);
    cors = decision.headers;
    return await handle(channelId, cors);
  } catch (err) {
    return errorResponse(err, "webchat", cors);
  }
}

export function webchatOptions(req: Request, ctx: Params): Promise<Response> {
  return withChannel(req, ctx.params, (_id, cors) => new Response(null, { status: 204, headers: cors }));
}

export function webchatPoll(req: Request, ctx: Params): Promise<Response> {
  return withChannel(req, ctx.params, (channelId, cors) => {
    const now = Date.now();
    const limited = webchatLimits.pollsPerIp.take(clientIp(req.headers), now);
    if (limited !== true) return tooMany(limited, cors);
    const session = decodeSession(readCookie(req.headers.get("cookie"), API_COOKIE));
    if (!session) return json({ ok: true, messages: [] }, 200, cors);
    const url = new URL(req.url);
    const after = Number(url.searchParams.get("after") ?? 0);
    const channel = webchatChannelById(getDb(), channelId);
    const messages = visitorConversation(getDb(), channel, session.visitorId, { after: Number.isSafeInteger(after) && after > 0 ? after : 0, markRead: url.searchParams.get("read") === "1" }, now);
    return json({ ok: true, messages }, 200, cors);
  });
}

export function webchatSend(req: Request, ctx: Params): Promise<Response> {
  return withChannel(req, ctx.params, async (channelId, cors) => {
    const now = Date.now();
    const ipLimited = webchatLimits.messagesPerIp.take(clientIp(req.headers), now);
    if (ipLimited !== true) return tooMany(ipLimited, cors);
    const parsed = postSchema.safeParse(parseJsonBody(await readBodyLimited(req, BODY_LIMIT)));
    if (!parsed.success) throw new WebhookError(400, "Send {text, clientMessageId} and, the first time, your name.");
    let session: VisitorSession | null = decodeSession(readCookie(req.headers.get("cookie"), API_COOKIE));
    const fresh = !session;
    if (!session) {
      if (!parsed.data.name?.trim()) throw new WebhookError(400, "Tell us your name first.");
      session = { visitorId: newVisitorId(), name: parsed.data.name.trim() };
    }
    const visitorLimited = webchatLimits.messagesPerVisitor.take(session.visitorId, now);
    if (visitorLimited !== true) return tooMany(visitorLimited, cors);
    const channel = webchatChannelById(getDb(), channelId);
    const result = postVisitorMessage(getDb(), channel, { visitorId: session.visitorId, name: session.name, text: parsed.data.text, clientMessageId: parsed.data.clientMessageId, ...(parsed.data.choiceId ? { choiceId: parsed.data.choiceId } : {}) }, now);
    const res = json({ ok: true, messageId: result.messageId, duplicate: result.duplicate }, 200, cors);
    if (fresh) for (const c of sessionCookies(channelId, session)) res.headers.append("Set-Cookie", setCookieLine(c));
    return res;
  });
}
