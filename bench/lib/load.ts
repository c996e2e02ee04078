import http from "node:http";
import { distribution, round } from "./measure";

// A closed-loop load generator: `concurrency` workers on keep-alive connections, each sending its next
// request as soon as the previous answer is in, for a fixed time. Loopback only; it stops by itself.
// Every request is timed from write to the last byte of the answer (TTFB is kept too, for pages).

export interface Request {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface LoadOptions {
  port: number;
  concurrency: number;
  seconds: number;
  /** Untimed seconds first, on the same connections (JIT, caches, the connection pool). */
  warmupSeconds?: number;
  /** The i-th request; i counts across all workers, warm-up included. */
  request: (i: number) => Request;
  /** Status codes that count as success (default 200). */
  ok?: number[];
  /** Sees every answer, warm-up included (e.g. to note which webhook ids were acknowledged). */
  onAnswer?: (i: number, answer: Answer, timed: boolean) => void;
}

export interface LoadResult {
  requests: number;
  okCount: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  perSecond: number;
  /** Milliseconds, whole answer. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  ttfbP50: number;
  ttfbP95: number;
  concurrency: number;
}

export function send(agent: http.Agent, port: number, req: Request): Promise<Answer & { ttfb: number; total: number }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
    const headers: Record<string, string | number> = { ...(req.headers ?? {}) };
    if (body) headers["content-length"] = body.length;
    const r = http.request({ host: "127.0.0.1", port, method: req.method ?? "GET", path: req.path, headers, agent }, (res) => {
      const ttfb = Number(process.hrtime.bigint() - t0) / 1e6;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ttfb, total: Number(process.hrtime.bigint() - t0) / 1e6 }));
      res.on("error", reject);
    });
    r.on("error", reject);
    r.end(body);
  });
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  const ok = new Set(o.ok ?? [200]);
  const lat: number[] = [];
  const ttfb: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let errors = 0;
  let okCount = 0;
  const warmEnd = performance.now() + (o.warmupSeconds ?? 0) * 1000;
  const end = warmEnd + o.seconds * 1000;
  let timedStart = 0;
  const worker = async () => {
    for (;;) {
      const now = performance.now();
      if (now >= end) return;
      const timed = now >= warmEnd;
      if (timed && !timedStart) timedStart = now;
      const i = next++;
      try {
        const a = await send(agent, o.port, o.request(i));
        o.onAnswer?.(i, a, timed);
        if (!timed) continue;
        statuses[a.status] = (statuses[a.status] ?? 0) + 1;
        lat.push(a.total);
        ttfb.push(a.ttfb);
        if (ok.has(a.status)) okCount++;
        else errors++;
      } catch {
        if (timed) {
          errors++;
          statuses.network = (statuses.network ?? 0) + 1;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const seconds = (performance.now() - (timedStart || warmEnd)) / 1000;
  agent.destroy();
  const d = distribution(lat);
  const t = distribution(ttfb);
  return {
    requests: lat.length + (statuses.network ?? 0),
    okCount,
    errors,
    statuses,
    seconds: round(seconds, 2),
    perSecond: round(okCount / seconds, 1),
    p50: round(d.p50),
    p95: round(d.p95),
    p99: round(d.p99),
    max: round(d.max),
    ttfbP50: round(t.p50),
    ttfbP95: round(t.p95),
    concurrency: o.concurrency,
  };
}
