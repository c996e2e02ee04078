import { WebhookError } from "@/server/channels/types";

// Webhook and widget bodies are read by hand (not req.json()): signatures are computed over the exact
// bytes, and a size limit must hold before a large body is buffered.

export const WEBHOOK_BODY_LIMIT = 1024 * 1024;
/** tRPC's largest legitimate input is a 70,000-character text (a few hundred KiB as JSON); files use the upload form. */
export const TRPC_BODY_LIMIT = 1024 * 1024;

/** The body as bytes; 413 when Content-Length or the bytes actually sent exceed `limit`. */
export async function readBodyLimited(req: Request, limit: number = WEBHOOK_BODY_LIMIT): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    // A lying or absent Content-Length must not let a sender make us buffer more than the limit.
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(limit: number): WebhookError {
  return new WebhookError(413, `The body is larger than ${Math.round(limit / 1024)} KiB.`);
}

/** Strict UTF-8 JSON; 400 with the parser's own words when it is not. */
export function parseJsonBody(raw: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    throw new WebhookError(400, "Invalid JSON: the body is not UTF-8 text.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new WebhookError(400, `Invalid JSON: ${(err as Error).message}`);
  }
}

/** readBodyLimited for a node:http request (the front server). */
export function readNodeBodyLimited(req: import("node:http").IncomingMessage, limit: number = WEBHOOK_BODY_LIMIT): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      return reject(tooLarge(limit));
    }
    const chunks: Buffer[] = [];
    let total = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      total += chunk.byteLength;
      if (total > limit) {
        failed = true;
        // Drain what is still coming, without keeping it, so the answer can be sent on this connection.
        chunks.length = 0;
        return reject(tooLarge(limit));
      }
      chunks.push(chunk);
    });
    req.on("end", () => !failed && resolve(Buffer.concat(chunks, total)));
    req.on("error", (err) => !failed && reject(err));
  });
}
