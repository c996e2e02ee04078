import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { authSecret } from "@/server/auth/secret";
import { acceptsGzip } from "@/server/http/front/compress";
import { answerFront, isFrontRoute } from "@/server/http/front/routes";
import { ingestMessage } from "@/server/services/ingest";
import { currentSeq } from "@/server/services/live-delta";
import { whatsappChannel } from "../support/channels";
import { makeUser } from "../support/fixtures";
import { inboundText } from "../support/inbound";
import { useRouteDb } from "../support/route-db";

// The live delta through the front server, over raw HTTP (no client that decodes for us): a large answer is
// gzipped for a client that accepts gzip and byte for byte the same JSON once decoded; small answers, and
// clients that do not accept gzip, get it as it is.

const COOKIE = "authjs.session-token";

function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("front server: the live delta compressed", () => {
  const r = useRouteDb();
  let base = "";
  let server: http.Server;

  beforeEach(async () => {
    server = http.createServer((req, res) => {
      void (isFrontRoute(req) ? answerFront(r.current.db, req, res) : Promise.resolve(false)).then((answered) => {
        if (!answered) res.writeHead(299).end("next");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("gzips a large answer for a client that accepts gzip, and only then", async () => {
    const db = r.current.db;
    const agent = await makeUser(db, "agent", "Ana");
    const cookie = `${COOKIE}=${await encode({ secret: authSecret(), salt: COOKIE, maxAge: 3600, token: { sub: String(agent.id), uid: String(agent.id), role: agent.role } })}`;
    const channel = whatsappChannel(db);
    const since = currentSeq(db);
    for (let i = 0; i < 12; i++) ingestMessage(db, channel, inboundText(`55119000000${String(i).padStart(2, "0")}`, `Hola, ¿cómo va mi pedido número ${i}?`, Date.now()), Date.now());
    const url = (input: unknown) => `${base}/api/trpc/inbox.delta?input=${encodeURIComponent(JSON.stringify(input))}`;
    const large = url({ since, locale: "es", list: { section: "unassigned", status: "open", full: true } });

    const plain = await get(large, { cookie });
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const json = plain.body.toString();
    expect((JSON.parse(json) as { result: { data: { list: { rows: unknown[] } } } }).result.data.list.rows).toHaveLength(12);

    const zipped = await get(large, { cookie, "accept-encoding": "gzip, deflate, br" });
    expect(zipped.status).toBe(200);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("Accept-Encoding");
    expect(zipped.headers["content-type"]).toMatch(/^application\/json/);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(gunzipSync(zipped.body).toString()).toBe(json);

    expect((await get(large, { cookie, "accept-encoding": "gzip;q=0, br" })).headers["content-encoding"]).toBeUndefined();

    // A small answer (the counters alone) is not worth compressing; a 304 has no body at all.
    const small = await get(url({ since, locale: "es" }), { cookie, "accept-encoding": "gzip" });
    expect(small.status).toBe(200);
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.body.length).toBeLessThan(1024);
    const quiet = await get(url({ since: currentSeq(db), locale: "es" }), { cookie, "accept-encoding": "gzip" });
    expect(quiet.status).toBe(304);
    expect(quiet.body.length).toBe(0);
  });

  it("reads Accept-Encoding as HTTP does", () => {
    expect(acceptsGzip("gzip")).toBe(true);
    expect(acceptsGzip("br, GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip; q=0.0")).toBe(false);
    expect(acceptsGzip("br, deflate")).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
