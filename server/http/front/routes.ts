import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "@/db/client";
import { userFromCookieHeader } from "@/server/auth/session-token";
import { deltaAnswerRenewing } from "../delta-answer";
import { pollAnswerRenewing } from "../poll-answer";
import { readNodeBodyLimited } from "../request-body";
import { errorAnswer, type PlainAnswer } from "../responses";
import { metaHandshakeAnswer, metaWebhookAnswer, zenviaUnknownChannelAnswer, zenviaWebhookAnswer } from "../webhook-answers";
import { contentSecurityPolicy } from "../../../security-headers.mjs";
import { encodeBody } from "./compress";

// The requests the front server answers itself, before Next: the ones that come all day from machines —
// the inbox's poll every few seconds from every open tab, and the providers' webhooks. Next's per-request
// work (routing, its request/response wrappers) costs about 1.3 ms of CPU here, several times what these
// answers need (bench/README.md, suites http-poll and http-ingest). They send exactly what their route
// handlers in app/api send (the same functions make both answers), with the headers next.config.mjs adds.

const STATIC_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": contentSecurityPolicy("'none'"),
};

function send(res: ServerResponse, answer: PlainAnswer, acceptEncoding?: string | string[]): void {
  // Only answers that may be large are given an Accept-Encoding (the live delta): see compress.ts.
  const { body, headers } = acceptEncoding === undefined ? { body: answer.body, headers: {} } : encodeBody(answer.body, acceptEncoding);
  res.writeHead(answer.status, { ...STATIC_HEADERS, ...answer.headers, ...headers });
  res.end(body ?? undefined);
}

type Handler = (db: Db, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

const poll: Handler = async (db, req, res) => {
  const user = await userFromCookieHeader(db, req.headers.cookie);
  // A session only Auth.js can read (split into chunks): Next's route handler decides.
  if (user === undefined) return false;
  send(res, await pollAnswerRenewing(db, user, req.headers.cookie, req.headers["if-none-match"]));
  return true;
};

const delta: Handler = async (db, req, res, url) => {
  const user = await userFromCookieHeader(db, req.headers.cookie);
  if (user === undefined) return false;
  send(res, await deltaAnswerRenewing(db, user, req.headers.cookie, url.searchParams.get("input"), Date.now()), req.headers["accept-encoding"] ?? "");
  return true;
};

function meta(type: "whatsapp" | "instagram"): Handler {
  return async (db, req, res, url) => {
    if (req.method === "GET") {
      send(res, metaHandshakeAnswer(db, type, url.searchParams));
      return true;
    }
    const raw = await readNodeBodyLimited(req).catch((err: Error) => err);
    send(res, metaWebhookAnswer(db, type, raw, req.headers, Date.now()));
    return true;
  };
}

const zenvia: Handler = async (db, req, res, url) => {
  // Not decoded: our channel ids are digits, and anything else (a malformed escape too) is a 404 below.
  const channelId = url.pathname.slice("/api/webhooks/zenvia/".length);
  const unknown = zenviaUnknownChannelAnswer(db, channelId);
  if (unknown) {
    req.resume();
    send(res, unknown);
    return true;
  }
  const raw = await readNodeBodyLimited(req).catch((err: Error) => err);
  send(res, zenviaWebhookAnswer(db, channelId, raw, req.headers, Date.now()));
  return true;
};

function route(method: string, pathname: string): Handler | null {
  if (pathname === "/api/poll") return method === "GET" ? poll : null;
  if (pathname === "/api/trpc/inbox.delta") return method === "GET" ? delta : null;
  if (pathname === "/api/webhooks/whatsapp" || pathname === "/api/webhooks/instagram") {
    return method === "GET" || method === "POST" ? meta(pathname.endsWith("whatsapp") ? "whatsapp" : "instagram") : null;
  }
  if (/^\/api\/webhooks\/zenvia\/[^/]+$/.test(pathname)) return method === "POST" ? zenvia : null;
  return null;
}

function pathOf(req: IncomingMessage): string {
  const raw = req.url ?? "/";
  const q = raw.indexOf("?");
  return q < 0 ? raw : raw.slice(0, q);
}

/** Whether answerFront may answer it; everything else goes straight to Next. */
export function isFrontRoute(req: IncomingMessage): boolean {
  return route(req.method ?? "GET", pathOf(req)) !== null;
}

/** Answers the request and returns true, or returns false (having read nothing) for Next to answer. */
export async function answerFront(db: Db, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const handler = route(req.method ?? "GET", pathOf(req));
  if (!handler) return false;
  const url = new URL(req.url ?? "/", "http://front.invalid");
  try {
    return await handler(db, req, res, url);
  } catch (err) {
    if (res.headersSent) res.destroy();
    else send(res, errorAnswer(err, `front ${url.pathname}`));
    return true;
  }
}
