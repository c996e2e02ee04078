import { WebhookError } from "@/server/channels/types";
import { isDomainError, type DomainErrorCode } from "@/server/domain/errors";

// HTTP answers as plain data, so that the route handlers (Web Response) and the front server (node:http,
// server/http/front) send the same thing. Unexpected errors are logged and answered with a generic 500 so
// nothing internal leaks to callers.

export interface PlainAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export function jsonAnswer(body: unknown, status = 200, headers: Record<string, string> = {}): PlainAnswer {
  return { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers }, body: JSON.stringify(body) };
}

export function toResponse(answer: PlainAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return toResponse(jsonAnswer(body, status, headers));
}

const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
};

export function errorAnswer(err: unknown, where: string, headers: Record<string, string> = {}): PlainAnswer {
  if (err instanceof WebhookError) return jsonAnswer({ ok: false, error: err.message }, err.status, headers);
  if (isDomainError(err)) return jsonAnswer({ ok: false, error: err.message }, DOMAIN_STATUS[err.code], headers);
  console.error(`[${where}]`, err);
  return jsonAnswer({ ok: false, error: "Something went wrong on our side; it has been logged." }, 500, headers);
}

export function errorResponse(err: unknown, where: string, headers: Record<string, string> = {}): Response {
  return toResponse(errorAnswer(err, where, headers));
}
