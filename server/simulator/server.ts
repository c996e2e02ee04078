import http from "node:http";
import type { AddressInfo } from "node:net";
import { ZENVIA_SECRET_HEADER } from "@/server/channels/signature";
import * as p from "./payloads";
import type { FailurePlan, SimChannel, SimRequest, SimulatorOptions } from "./types";

// One local HTTP server speaking the three providers' send APIs, recording what it receives, failing
// on demand, and posting correctly signed inbound messages and receipts to Charla.
//
//   POST /{version}/{phoneNumberId|accountId}/messages   WhatsApp Cloud API / Instagram (Bearer token)
//   POST /v2/channels/{whatsapp|instagram}/messages      Zenvia (X-API-TOKEN)
//   GET  /_sim/requests   DELETE /_sim/requests          what was received
//   POST /_sim/fail {status, count, body}                answer the next `count` sends with that error
//   POST /_sim/receipts {enabled}                        automatic delivered/read callbacks
//   POST /_sim/inbound {provider, from, text, name?, channel?}  a customer writes to Charla
//        … with choice {id, title, kind?}: the customer taps one of our buttons, list rows or quick replies

export interface Simulator {
  url: string;
  port: number;
  requests: SimRequest[];
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
type Answer = { status: number; body: unknown };

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const log = options.log ?? (() => undefined);
  const charla = options.charlaUrl.replace(/\/+$/, "");
  const delay = options.receiptDelayMs ?? 1_000;
  const requests: SimRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let autoReceipts = options.autoReceipts ?? false;
  let failure: FailurePlan | null = null;

  const later = (ms: number, fn: () => Promise<unknown>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn().catch((err: unknown) => log(`callback to Charla failed: ${(err as Error).message}`));
    }, ms);
    timers.add(timer);
  };

  async function toCharla(path: string, text: string, headers: Record<string, string>): Promise<Answer> {
    const res = await fetch(charla + path, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: text });
    const answer = await res.text();
    log(`→ Charla ${path}: HTTP ${res.status}`);
    return { status: res.status, body: parseJson(answer) ?? answer };
  }

  // Signed over the exact bytes that are sent, as Meta does.
  const postMeta = (type: "whatsapp" | "instagram", appSecret: string, body: unknown) => {
    const text = JSON.stringify(body);
    return toCharla(`/api/webhooks/${type}`, text, { "X-Hub-Signature-256": p.metaSignature(text, appSecret) });
  };
  const postZenvia = (c: Extract<SimChannel, { type: "zenvia" }>, body: unknown) =>
    toCharla(`/api/webhooks/zenvia/${c.charlaChannelId}`, JSON.stringify(body), { [ZENVIA_SECRET_HEADER]: c.webhookSecret });

  function failing(): Answer | null {
    if (!failure || failure.count <= 0) return null;
    failure.count -= 1;
    const answer = { status: failure.status, body: failure.body ?? p.graphError(2, "Service temporarily unavailable (simulated)") };
    if (failure.count <= 0) failure = null;
    return answer;
  }

  // ---------- provider send APIs ----------

  function metaSend(id: string, auth: string | undefined, body: Json): Answer & { provider: SimRequest["provider"] } {
    const channel = options.channels.find((c) => (c.type === "whatsapp" && c.phoneNumberId === id) || (c.type === "instagram" && c.accountId === id));
    if (!channel || channel.type === "zenvia") {
      return { provider: "unknown", status: 400, body: p.graphError(100, `Unsupported post request. Object with ID '${id}' does not exist`, "GraphMethodException") };
    }
    if (auth !== `Bearer ${channel.accessToken}`) return { provider: channel.type, status: 401, body: p.graphError(190, "Invalid OAuth access token - Cannot parse access token") };
    const failed = failing();
    if (failed) return { provider: channel.type, ...failed };
    if (channel.type === "whatsapp") {
      const to = String(body.to ?? body.recipient ?? "");
      const answer = p.whatsappSendAnswer(to);
      if (autoReceipts) {
        const wamid = answer.messages[0]!.id;
        later(delay, () => postMeta("whatsapp", channel.appSecret, p.whatsappStatus(channel.phoneNumberId, wamid, to, "delivered")));
        later(2 * delay, () => postMeta("whatsapp", channel.appSecret, p.whatsappStatus(channel.phoneNumberId, wamid, to, "read")));
      }
      return { provider: "whatsapp", status: 200, body: answer };
    }
    const recipient = String((body.recipient as Json | undefined)?.id ?? "");
    const answer = p.instagramSendAnswer(recipient);
    // Instagram has read receipts only.
    if (autoReceipts) later(2 * delay, () => postMeta("instagram", channel.appSecret, p.instagramRead(channel.accountId, recipient, answer.message_id)));
    return { provider: "instagram", status: 200, body: answer };
  }

  function zenviaSend(network: string, token: string | undefined, body: Json): Answer {
    const channel = options.channels.find((c): c is Extract<SimChannel, { type: "zenvia" }> => c.type === "zenvia" && c.apiToken === token);
    if (!channel) return { status: 401, body: { code: "AUTHENTICATION_ERROR", message: "No authorization token was found" } };
    if (channel.zenviaChannel !== network || body.from !== channel.senderId) {
      return { status: 400, body: { code: "VALIDATION_ERROR", message: `Sender ${String(body.from)} is not a ${network} channel of this account` } };
    }
    const failed = failing();
    if (failed) return failed;
    const answer = p.zenviaSendAnswer(body as { from?: string; to?: string; contents?: unknown[] });
    if (autoReceipts) {
      const to = String(body.to ?? "");
      later(delay, () => postZenvia(channel, p.zenviaStatus(channel.senderId, network, answer.id, to, "DELIVERED")));
      later(2 * delay, () => postZenvia(channel, p.zenviaStatus(channel.senderId, network, answer.id, to, "READ")));
    }
    return { status: 200, body: answer };
  }

  // ---------- control API ----------

  async function inbound(body: Json): Promise<Answer> {
    const provider = String(body.provider ?? "whatsapp");
    const want = (body.channel ?? {}) as Json;
    const from = String(body.from ?? "5511999990000");
    const text = String(body.text ?? "Olá!");
    const name = String(body.name ?? "Cliente Simulado");
    const choice = readChoice(body.choice);
    const matches = (c: SimChannel) =>
      c.type === provider &&
      // appSecret picks the signing secret (a wrong one tests Charla's 401), not the channel.
      Object.entries(want).every(([k, v]) => k === "appSecret" || String((c as unknown as Json)[k]) === String(v));
    const channel = options.channels.find(matches);
    if (!channel) return { status: 404, body: { error: `No ${provider} channel in the simulator matches ${JSON.stringify(want)}` } };
    const appSecret = typeof want.appSecret === "string" ? want.appSecret : undefined;
    switch (channel.type) {
      case "whatsapp":
        return postMeta("whatsapp", appSecret ?? channel.appSecret, p.whatsappInbound(channel.phoneNumberId, from, name, text, undefined, choice));
      case "instagram":
        return postMeta("instagram", appSecret ?? channel.appSecret, p.instagramInbound(channel.accountId, from, text, choice));
      case "zenvia":
        return postZenvia(channel, p.zenviaInbound(channel.senderId, channel.zenviaChannel, from, name, text, choice));
    }
  }

  async function route(req: http.IncomingMessage, path: string, body: Json): Promise<Answer & { provider?: SimRequest["provider"] }> {
    const method = req.method ?? "GET";
    if (path === "/_sim/requests" && method === "GET") return { status: 200, body: { requests } };
    if (path === "/_sim/requests" && method === "DELETE") {
      requests.length = 0;
      return { status: 200, body: { ok: true } };
    }
    if (path === "/_sim/fail" && method === "POST") {
      failure = { status: Number(body.status ?? 500), count: Number(body.count ?? 1), body: body.body };
      return { status: 200, body: { ok: true, failure } };
    }
    if (path === "/_sim/receipts" && method === "POST") {
      autoReceipts = body.enabled !== false;
      return { status: 200, body: { ok: true, autoReceipts } };
    }
    if (path === "/_sim/inbound" && method === "POST") return inbound(body);
    const zenvia = /^\/v2\/channels\/(whatsapp|instagram)\/messages$/.exec(path);
    if (zenvia && method === "POST") return { provider: "zenvia", ...zenviaSend(zenvia[1]!, header(req, "x-api-token"), body) };
    const meta = /^\/v\d+(?:\.\d+)?\/([^/]+)\/messages$/.exec(path);
    if (meta && method === "POST") return metaSend(decodeURIComponent(meta[1]!), header(req, "authorization"), body);
    return { status: 404, body: { error: `The simulator has no ${method} ${path}` } };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const body = (parseJson(raw) ?? {}) as Json;
      const path = new URL(req.url ?? "/", "http://sim").pathname;
      route(req, path, body)
        .catch((err: unknown) => ({ status: 500, body: { error: (err as Error).message } }) as Answer & { provider?: SimRequest["provider"] })
        .then((answer) => {
          if (!path.startsWith("/_sim/")) {
            requests.push({ at: Date.now(), method: req.method ?? "GET", path, provider: answer.provider ?? "unknown", headers: flatHeaders(req), body: parseJson(raw) ?? raw, status: answer.status, response: answer.body });
            log(`${req.method} ${path} → ${answer.status}`);
          }
          res.writeHead(answer.status, { "Content-Type": "application/json" });
          res.end(JSON.stringify(answer.body));
        });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function flatHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

function readChoice(raw: unknown): p.SimChoice | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const { id, title, kind } = raw as Record<string, unknown>;
  if (typeof id !== "string" || !id) return undefined;
  return { id, title: typeof title === "string" && title ? title : id, ...(kind === "list_reply" ? { kind } : {}) };
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
