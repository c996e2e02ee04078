import type { z } from "zod";
import { WebhookError, type HttpRequestSpec, type OutboundMessage, type SendResult } from "./types";

// Helpers shared by the provider adapters: the send loop (build → fetch → interpret),
// response-body parsing, Meta Graph API error decoding, zod error formatting and the
// provider-neutral shape of a shared contact card.

export const SEND_TIMEOUT_MS = 15_000;

export interface FetchLikeInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** The part of `fetch` the adapters use; the global `fetch` satisfies it, and so does a test fake. */
export type FetchLike = (
  url: string,
  init: FetchLikeInit,
) => Promise<{ status: number; text(): Promise<string> }>;

export const defaultFetch: FetchLike = (url, init) => fetch(url, init);

/** Thrown by request builders when a message cannot be expressed for the provider (a permanent failure). */
export class UnsendableMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsendableMessageError";
  }
}

export async function executeSend(
  build: () => HttpRequestSpec,
  interpret: (status: number, bodyText: string) => SendResult,
  fetchImpl: FetchLike,
  timeoutMs: number = SEND_TIMEOUT_MS,
): Promise<SendResult> {
  let spec: HttpRequestSpec;
  try {
    spec = build();
  } catch (err) {
    return { ok: false, retryable: false, reason: errorMessage(err) };
  }
  try {
    const init: FetchLikeInit = {
      method: spec.method,
      headers: spec.headers,
      signal: AbortSignal.timeout(timeoutMs),
    };
    if (spec.body !== undefined) init.body = spec.body;
    const res = await fetchImpl(spec.url, init);
    const text = await res.text();
    return interpret(res.status, text);
  } catch (err) {
    // Network failure, DNS, reset, timeout, or the body could not be read: the provider may not
    // have seen the request, so the dispatcher may try again.
    const name = err instanceof Error ? err.name : "";
    const reason =
      name === "TimeoutError" || name === "AbortError"
        ? `network error: no answer within ${Math.round(timeoutMs / 1000)} s`
        : `network error: ${errorMessage(err)}`;
    return { ok: false, retryable: true, reason };
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    return cause instanceof Error && cause.message ? `${err.message} (${cause.message})` : err.message;
  }
  return String(err);
}

export function parseJsonSafe(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Drops keys whose value is undefined so payloads stay clean when serialized. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out as T;
}

export function truncate(s: string, max = 300): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** "code: title — details", leaving out what is missing. */
export function formatReason(code: unknown, title: unknown, details: unknown): string {
  const c = str(code);
  const t = str(title);
  const d = str(details);
  let out = c && t ? `${c}: ${t}` : (c ?? t ?? "");
  if (d && d !== t) out = out ? `${out} — ${d}` : d;
  return out;
}

export function isRetryableHttpStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`)
    .join("; ");
}

/** Validates the envelope with zod; anything that is not the provider's shape becomes a 400. */
export function parseEnvelope<S extends z.ZodType>(schema: S, json: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new WebhookError(400, `Not a ${what} payload: ${describeZodError(parsed.error)}`);
  }
  return parsed.data;
}

// ---------- Meta Graph API errors (WhatsApp Cloud API and Instagram share them) ----------

/**
 * Graph error codes that mean "try again later" even when Meta answers HTTP 400:
 * 1 unknown/temporary, 2 service unavailable, 4/17/32/613 API rate limits,
 * 80007 WABA rate limit, 130429 throughput limit, 131000 generic send failure ("try again"),
 * 131016 service unavailable, 131056 pair rate limit, 133004 server temporarily unavailable.
 */
const META_TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 613, 80007, 130429, 131000, 131016, 131056, 133004]);

export interface GraphErrorInfo {
  reason: string;
  code?: number;
  transient: boolean;
}

/** Reads `{error: {message, type, code, error_subcode, error_data: {details}, is_transient, fbtrace_id}}`. */
export function describeGraphError(body: unknown): GraphErrorInfo | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  const e = body.error;
  const code = num(e.code);
  const subcode = num(e.error_subcode);
  const details = isRecord(e.error_data) ? str(e.error_data.details) : undefined;
  const codeLabel = code === undefined ? undefined : subcode === undefined ? `${code}` : `${code}/${subcode}`;
  // Graph messages often repeat the code as a "(#131047) " prefix; the code is shown separately.
  const message = (str(e.message) ?? str(e.error_user_msg) ?? str(e.type) ?? "unknown error").replace(/^\(#\d+\)\s*/, "");
  const info: GraphErrorInfo = {
    reason: formatReason(codeLabel, message, details),
    transient: e.is_transient === true || (code !== undefined && META_TRANSIENT_CODES.has(code)),
  };
  if (code !== undefined) info.code = code;
  return info;
}

/** Shared by WhatsApp and Instagram: 2xx → id via `pickId`; otherwise a Graph error, classified. */
export function interpretGraphResponse(
  status: number,
  bodyText: string,
  pickId: (body: unknown) => string | undefined,
  provider: string,
): SendResult {
  const body = parseJsonSafe(bodyText);
  if (status >= 200 && status < 300) {
    const id = pickId(body);
    if (id) return { ok: true, providerMessageId: id };
    // Accepted but unreadable: retrying could send the message twice, so do not.
    return {
      ok: false,
      retryable: false,
      reason: `${provider} answered HTTP ${status} without a message id: ${truncate(bodyText, 200)}`,
    };
  }
  const graph = describeGraphError(body);
  const retryable = isRetryableHttpStatus(status) || (graph?.transient ?? false);
  const reason = graph
    ? `HTTP ${status} ${graph.reason}`
    : `HTTP ${status}${bodyText ? `: ${truncate(bodyText, 200)}` : ""}`;
  return { ok: false, retryable, reason };
}

// ---------- Shared contact cards (payload.contacts of kind "contacts") ----------

export interface ContactCard {
  name?: string;
  phones: { phone: string; type?: string; waId?: string }[];
  emails: { email: string; type?: string }[];
  organization?: string;
}

/**
 * The text that stands in for a payment link or call link on providers without such a message:
 * the agent's text (or payload.description) and payload.url, unless the text already contains it.
 */
export function linkText(msg: OutboundMessage): string {
  const p = msg.payload ?? {};
  const lead = msg.body?.trim() || str(p.description)?.trim();
  const url = str(p.url)?.trim();
  const text = [lead, url && !lead?.includes(url) ? url : undefined].filter(Boolean).join("\n");
  if (!text) throw new UnsendableMessageError(`${msg.kind} message needs a body or payload.url`);
  return text;
}
