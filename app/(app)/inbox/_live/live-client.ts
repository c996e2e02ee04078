import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";
import type { DeltaInput } from "@/server/api/routers/inbox-delta.schema";
import type { DeltaAnswer } from "@/server/services/live-delta";

/**
 * The front server answers an unchanged delta with a bare 304 (its sequence in the ETag) so that the
 * common answer costs no body; tRPC's link expects a body, so the 304 becomes the answer it stands for.
 */
async function liveFetch(url: URL | RequestInfo, init?: RequestInit): Promise<Response> {
  const res = await fetch(url, { ...init, cache: "no-store", credentials: "same-origin" });
  if (res.status === 304) {
    const seq = Number((res.headers.get("ETag") ?? "").replace(/[^\d]/g, ""));
    return new Response(JSON.stringify({ result: { data: { unchanged: true, seq } } }), { status: 200, headers: { "Content-Type": "application/json" } });
  }
  if (res.status === 401) window.location.assign("/login");
  return res;
}

const client = createTRPCClient<AppRouter>({ links: [httpLink({ url: "/api/trpc", fetch: liveFetch })] });

export function fetchDelta(input: DeltaInput, signal?: AbortSignal): Promise<DeltaAnswer> {
  return client.inbox.delta.query(input, { signal });
}
