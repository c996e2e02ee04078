import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as instagramPost } from "@/app/api/webhooks/instagram/route";
import { POST as whatsappPost } from "@/app/api/webhooks/whatsapp/route";
import { POST as zenviaPost } from "@/app/api/webhooks/zenvia/[channelId]/route";
import { POST as webchatPost } from "@/app/api/webchat/[channelId]/messages/route";
import { ZENVIA_SECRET_HEADER } from "@/server/channels/signature";
import { APP_SECRET, instagramChannel, metaSignature, webchatChannel, whatsappChannel, ZENVIA_SECRET, zenviaChannelRow } from "../support/channels";
import { hostileBody, RUNS, webhookFixtures } from "../support/hostile";
import { useRouteDb } from "../support/route-db";

// Correctly signed (so authentication is not what stops them) but otherwise arbitrary bodies, posted to
// the real route handlers over a real database: the answer is 200 or a clear 4xx, never a 500, and a
// 4xx leaves every table as it was.

const TABLES = ["contacts", "contact_identities", "chats", "messages", "attachments", "audit_log"];
type Ctx = { params: Promise<Record<string, string>> };

describe("webhook routes under hostile bodies", () => {
  const t = useRouteDb();
  const counts = () => TABLES.map((table) => (t.current.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n).join(",");
  let errors: ReturnType<typeof vi.spyOn>;
  beforeEach(() => (errors = vi.spyOn(console, "error").mockImplementation(() => undefined)));
  afterEach(() => {
    // An unexpected error is logged before its 500: none may have happened.
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  async function expectClearAnswer(res: Response, before: string): Promise<number> {
    expect(res.status === 200 || (res.status >= 400 && res.status < 500), `status ${res.status}`).toBe(true);
    if (res.status !== 200) {
      const body = (await res.json()) as { ok: boolean; error: string };
      expect(body.ok).toBe(false);
      expect(body.error.length).toBeGreaterThan(0);
      expect(counts(), "a refused body stored something").toBe(before);
    }
    return res.status;
  }

  const statuses = new Map<string, Map<number, number>>();
  const tally = (route: string, status: number) => {
    const m = statuses.get(route) ?? new Map<number, number>();
    statuses.set(route, m.set(status, (m.get(status) ?? 0) + 1));
  };

  const routes: Record<string, { setup: () => { post: (body: Uint8Array<ArrayBuffer>, n: number) => Promise<Response> }; fixtures: unknown[] }> = {
    whatsapp: {
      fixtures: webhookFixtures("whatsapp"),
      setup: () => {
        whatsappChannel(t.current.db);
        return {
          post: async (body) =>
            whatsappPost(new Request("http://charla.test/api/webhooks/whatsapp", { method: "POST", body, headers: { "X-Hub-Signature-256": metaSignature(Buffer.from(body), APP_SECRET) } })),
        };
      },
    },
    instagram: {
      fixtures: webhookFixtures("instagram"),
      setup: () => {
        instagramChannel(t.current.db);
        return {
          post: async (body) =>
            instagramPost(new Request("http://charla.test/api/webhooks/instagram", { method: "POST", body, headers: { "X-Hub-Signature-256": metaSignature(Buffer.from(body), APP_SECRET) } })),
        };
      },
    },
    zenvia: {
      fixtures: webhookFixtures("zenvia"),
      setup: () => {
        const channel = zenviaChannelRow(t.current.db);
        const ctx: Ctx = { params: Promise.resolve({ channelId: String(channel.id) }) };
        return {
          post: async (body) =>
            zenviaPost(new Request(`http://charla.test/api/webhooks/zenvia/${channel.id}`, { method: "POST", body, headers: { [ZENVIA_SECRET_HEADER]: ZENVIA_SECRET } }), ctx as never),
        };
      },
    },
    webchat: {
      fixtures: [{ text: "Oi!", clientMessageId: "client-00000001", name: "Ana" }],
      setup: () => {
        const channel = webchatChannel(t.current.db);
        const ctx: Ctx = { params: Promise.resolve({ channelId: String(channel.id) }) };
        return {
          // A new address per run: the per-IP limit is not what this test is about.
          post: async (body, n) =>
            webchatPost(
              new Request(`http://charla.test/api/webchat/${channel.id}/messages`, { method: "POST", body, headers: { "X-Forwarded-For": `198.51.${n >> 8}.${n & 255}` } }),
              ctx as never,
            ),
        };
      },
    },
  };

  describe.each(Object.keys(routes))("%s", (name) => {
    const route = routes[name]!;

    it(`answers 200 or a clear 4xx to any signed body, storing nothing on a 4xx (${RUNS} runs)`, async () => {
      const { post } = route.setup();
      let n = 0;
      await fc.assert(
        fc.asyncProperty(hostileBody(route.fixtures), async (body) => {
          const before = counts();
          tally(name, await expectClearAnswer(await post(body, ++n), before));
        }),
        { numRuns: RUNS },
      );
      console.info(`[hostile] ${name}: ${JSON.stringify(Object.fromEntries(statuses.get(name) ?? []))}`);
    });

    it("answers 413 to a body over the limit, with or without Content-Length, and stores nothing", async () => {
      const { post } = route.setup();
      const before = counts();
      const huge = new TextEncoder().encode(JSON.stringify({ pad: "x".repeat(1024 * 1024 + 10) }));
      expect((await post(huge, 1)).status).toBe(413);
      expect(counts()).toBe(before);
    });
  });
});
