import { describe, expect, it, vi } from "vitest";
import type { PublicUser } from "@/server/services/users";
import { makeUser } from "../support/fixtures";
import { useRouteDb } from "../support/route-db";

// The tRPC endpoint reads at most 1 MiB, whatever Content-Length claims; the same input under the
// limit still works.

const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock("@/server/auth/session", () => ({ currentUser: async () => session.user }));
const { POST } = await import("@/app/api/trpc/[trpc]/route");
const { TRPC_BODY_LIMIT } = await import("@/server/http/request-body");

describe("tRPC body limit", () => {
  const t = useRouteDb();
  const post = (body: string | ReadableStream, headers: Record<string, string> = {}) =>
    POST(new Request("http://charla.test/api/trpc/quickReplies.create", { method: "POST", body, headers: { "content-type": "application/json", ...headers }, duplex: "half" } as RequestInit));
  const count = () => (t.current.db.$client.prepare("SELECT count(*) AS n FROM quick_replies").get() as { n: number }).n;

  it("answers 413 over the limit and stores nothing; a normal body still works", async () => {
    session.user = await makeUser(t.current.db, "admin");
    const before = count();
    const huge = JSON.stringify({ shortcut: "big", body: "x".repeat(TRPC_BODY_LIMIT) });
    const res = await post(huge);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/larger than 1024 KiB/);
    // A stream with no Content-Length is cut off at the limit too.
    const stream = new Blob([huge]).stream();
    expect((await post(stream)).status).toBe(413);
    expect(count()).toBe(before);

    const ok = await post(JSON.stringify({ shortcut: "oi", body: "Olá!" }));
    expect(ok.status).toBe(200);
    expect(count()).toBe(before + 1);
  });
});
