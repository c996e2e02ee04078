import { benchEnabled, notFound } from "@/server/http/bench-only";

// Bench ceiling: the least a Next route handler can do — constant JSON (404 unless CHARLA_BENCH=1).
export const dynamic = "force-dynamic";

const BODY = JSON.stringify({ changed: false, version: "0.0.0" });

export function GET(): Response {
  if (!benchEnabled()) return notFound();
  return new Response(BODY, { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });
}
