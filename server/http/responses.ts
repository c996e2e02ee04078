import { WebhookError } from "@/server/channels/types";
import { isDomainError, type DomainErrorCode } from "@/server/domain/errors";

// Turning errors into HTTP answers, shared by the route handlers. Unexpected errors are logged and
// answered with a generic 500 so nothing internal leaks to callers.

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
};

export function errorResponse(err: unknown, where: string, headers: Record<string, string> = {}): Response {
  if (err instanceof WebhookError) return json({ ok: false, error: err.message }, err.status, headers);
  if (isDomainError(err)) return json({ ok: false, error: err.message }, DOMAIN_STATUS[err.code], headers);
  console.error(`[${where}]`, err);
  return json({ ok: false, error: "Something went wrong on our side; it has been logged." }, 500, headers);
}
