import type { Statement } from "better-sqlite3";
import { getDb } from "@/db/client";
import { parseJsonBody, readBodyLimited } from "@/server/http/request-body";
import { benchEnabled, notFound } from "@/server/http/bench-only";

// Bench ceiling for webhooks: read the body as the webhook routes do, parse the JSON, one single-row insert
// in its own transaction (autocommit) into a bench-only table — 404 unless CHARLA_BENCH=1.
export const dynamic = "force-dynamic";

let insert: Statement | undefined;

export async function POST(req: Request): Promise<Response> {
  if (!benchEnabled()) return notFound();
  const body = parseJsonBody(await readBodyLimited(req)) as { id?: unknown };
  if (!insert) {
    const sqlite = getDb().$client;
    sqlite.exec("CREATE TABLE IF NOT EXISTS bench_ceiling (id INTEGER PRIMARY KEY AUTOINCREMENT, ref TEXT, body TEXT NOT NULL, at INTEGER NOT NULL)");
    insert = sqlite.prepare("INSERT INTO bench_ceiling (ref, body, at) VALUES (?, ?, ?)");
  }
  insert.run(String(body.id ?? ""), JSON.stringify(body), Date.now());
  return new Response('{"ok":true}', { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });
}
