import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { mediaPath } from "./deletion";

// Files live under DATA_DIR/media by content hash: one copy per distinct file, however often it is
// sent or received, and a path that says nothing about who sent it.

export const MEDIA_HARD_CAP = 100 * 1024 * 1024;

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Writes the bytes (atomically: temp file, then rename) unless that content is already stored. */
export function storeMediaBytes(bytes: Uint8Array): { sha256: string; size: number } {
  const sha256 = sha256Of(bytes);
  const file = mediaPath(sha256);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    fs.writeFileSync(temp, bytes, { mode: 0o600 });
    fs.renameSync(temp, file);
  }
  return { sha256, size: bytes.byteLength };
}

export class TooLargeError extends Error {}

/** Reads a response body, refusing (before and while reading) anything over `cap` bytes. */
export async function readCapped(res: Response, cap: number = MEDIA_HARD_CAP): Promise<Buffer> {
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > cap) throw new TooLargeError(`The file is larger than ${Math.round(cap / 1024 / 1024)} MB.`);
  if (!res.body) return Buffer.from(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw new TooLargeError(`The file is larger than ${Math.round(cap / 1024 / 1024)} MB.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
