import fs from "node:fs";
import { Readable } from "node:stream";
import type { ServableFile } from "@/server/services/media-files";

// Files customers send are untrusted content served from our origin. Only plain media types a browser
// cannot execute are shown inline; everything else downloads, cannot be sniffed into HTML, and runs
// sandboxed (no scripts, no same-origin) even if a browser opens it.

const INLINE_TYPES = new Set([
  "image/jpeg", "image/png", "image/gif", "image/webp",
  "audio/mpeg", "audio/ogg", "audio/aac", "audio/mp4", "audio/wav", "audio/webm", "audio/amr",
  "video/mp4", "video/webm", "video/3gpp", "video/quicktime",
]);

function dispositionName(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function fileResponse(file: ServableFile, cacheControl: string): Response {
  const type = file.attachment.mimeType ?? "application/octet-stream";
  const inline = INLINE_TYPES.has(type);
  const name = file.attachment.fileName ?? `file-${file.attachment.id}`;
  const stat = fs.statSync(file.path);
  const body = Readable.toWeb(fs.createReadStream(file.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": type,
      "Content-Length": String(stat.size),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; ${dispositionName(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox",
      "Cache-Control": cacheControl,
    },
  });
}
