import { gzipSync } from "node:zlib";

// A changed live-update answer can carry dozens of list rows (an All view sorted newest first, under a
// contact center's steady traffic, gets every chat that moved: about 10 KB every few seconds), and agents
// on mobile data pay for each byte. Rows of one shape compress several times over, for a fraction of a
// millisecond; under a kilobyte the saving is not worth it. Browsers (fetch included) decode it themselves.

const MIN_BYTES = 1024;
// Fast levels compress this JSON nearly as well as level 9, for much less CPU.
const LEVEL = 4;

/** Whether an Accept-Encoding header accepts gzip (q=0 refuses it). */
export function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(",") : (acceptEncoding ?? "");
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The body to send and the headers that describe it: gzipped when the client takes it and it is worth it. */
export function encodeBody(body: string | null, acceptEncoding: string | string[] | undefined): { body: string | Buffer | null; headers: Record<string, string> } {
  if (body === null) return { body, headers: {} };
  if (Buffer.byteLength(body) < MIN_BYTES || !acceptsGzip(acceptEncoding)) return { body, headers: { Vary: "Accept-Encoding" } };
  return { body: gzipSync(body, { level: LEVEL }), headers: { "Content-Encoding": "gzip", Vary: "Accept-Encoding" } };
}
