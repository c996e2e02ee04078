import { describe, expect, it } from "vitest";
import { seedDemo } from "@/server/demo/seed";
import { ensureFirstAdmin } from "@/server/services/bootstrap";
import { useRouteDb } from "../../support/route-db";

describe("demo seed", () => {
  const t = useRouteDb();
  const q = <T,>(sql: string) => t.current.db.$client.prepare(sql).all() as T[];

  it("fills an empty install with users, channels and chats in every state and kind, once", async () => {
    const now = Date.now();
    await ensureFirstAdmin(t.current.db, now, {});
    const result = await seedDemo(t.current.db, now);
    expect(result.skipped).toBe(false);
    expect(result.users.map((u) => u.role)).toEqual(["admin", "agent", "agent"]);
    expect(result.channels.map((c) => c.type)).toEqual(["whatsapp", "instagram", "zenvia", "webchat"]);

    const statuses = q<{ status: string }>("SELECT DISTINCT status FROM chats").map((r) => r.status).sort();
    expect(statuses).toEqual(["closed", "open", "scheduled"]);
    expect(q("SELECT 1 FROM chats WHERE transferred_from_id IS NOT NULL").length).toBeGreaterThan(0);
    expect(q("SELECT 1 FROM chats WHERE status = 'scheduled' AND remind_note IS NOT NULL").length).toBeGreaterThan(0);
    expect(q("SELECT 1 FROM chats WHERE status = 'open' AND awaiting_reply = 1").length).toBeGreaterThan(0);
    expect(q("SELECT 1 FROM chats WHERE status = 'open' AND awaiting_reply = 0").length).toBeGreaterThan(0);
    expect(q<{ n: number }>("SELECT count(*) AS n FROM contacts")[0]!.n).toBe(41); // 40 with chats in every state, and one talking to the bot

    const kinds = q<{ kind: string }>("SELECT DISTINCT kind FROM messages").map((r) => r.kind).sort();
    expect(kinds).toEqual(expect.arrayContaining(["audio", "call", "contacts", "file", "image", "location", "payment_link", "reaction", "system", "template", "text"]));
    expect(q("SELECT DISTINCT status FROM attachments")).toEqual([{ status: "ready" }]);
    // Closed WhatsApp and web chat conversations were rated (issue 15), and a rating never opened a chat.
    const rated = q<{ rating: number; comment: string | null }>("SELECT rating, comment FROM csat_surveys WHERE rating IS NOT NULL");
    expect(rated.length).toBeGreaterThan(0);
    expect(rated.some((r) => r.comment)).toBe(true);
    expect(q("SELECT 1 FROM chats c JOIN messages m ON m.chat_id = c.id WHERE c.status = 'open' AND json_extract(m.payload, '$.choiceId') LIKE 'csat:%'")).toEqual([]);
    // Sent through the real dispatcher: nothing is left waiting or failed, receipts applied.
    const delivery = q<{ status: string }>("SELECT DISTINCT status FROM messages WHERE author_kind = 'user' AND status IS NOT NULL").map((r) => r.status).sort();
    expect(delivery).not.toContain("queued");
    expect(delivery).not.toContain("failed");
    expect(delivery).toContain("read");

    // The composer's hint invites "/": the demo has quick replies to find, in Spanish, some with variables.
    const replies = q<{ shortcut: string; body: string }>("SELECT shortcut, body FROM quick_replies");
    expect(replies.map((r) => r.shortcut)).toEqual(expect.arrayContaining(["hola", "gracias", "horario"]));
    expect(replies.find((r) => r.shortcut === "hola")!.body).toContain("{{nombre}}");

    const again = await seedDemo(t.current.db, now);
    expect(again.skipped).toBe(true);
    expect(q<{ n: number }>("SELECT count(*) AS n FROM users")[0]!.n).toBe(4);
  });
});
