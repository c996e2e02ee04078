import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampleFlow } from "@/server/domain/bot/sample-flow";
import { assignChannelFlow, createFlow, publishFlow, saveDraft } from "@/server/services/bot/flows";
import { ingestMessage } from "@/server/services/ingest";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// Publishing never changes a running chat's version: whatever interleaving of new contacts, answers and
// publishes, each chat's session keeps the version that was the latest when it started, and every text it
// received after starting comes from that version.

const OPS = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant("publish" as const) }),
    fc.record({ op: fc.constant("start" as const) }),
    fc.record({ op: fc.constant("answer" as const), who: fc.nat(), text: fc.constantFrom("1", "2", "3", "Ana", "ana@ejemplo.com", "???") }),
  ),
  { minLength: 1, maxLength: 25 },
);

describe("bot versions", () => {
  it("a running chat keeps the version it started with, whatever is published meanwhile", async () => {
    await fc.assert(
      fc.asyncProperty(OPS, async (ops) => {
        const run = tempDb();
        try {
          const db = run.db;
          const me = await makeUser(db, "admin");
          const ch = whatsappChannel(db);
          let now = T0;
          const ctx = () => ({ viewer: me, now: (now += 1000) });
          const flow = createFlow(db, ctx(), { name: "F" });
          let version = 0;
          const publish = () => {
            version += 1;
            const draft = sampleFlow();
            // Each version words its question differently, so a message says which version sent it.
            (draft.steps.find((s) => s.id === "nombre") as { text: string }).text = `¿Nombre? (v${version})`;
            (draft.steps.find((s) => s.id === "menu") as { text: string }).text = `¿Qué necesitas? (v${version})`;
            saveDraft(db, ctx(), flow.id, draft);
            publishFlow(db, ctx(), flow.id);
          };
          publish();
          assignChannelFlow(db, ctx(), { channelId: ch.id, flowId: flow.id, returningAfterHours: null });
          const started: Array<{ waId: string; version: number }> = [];
          for (const op of ops) {
            if (op.op === "publish") publish();
            else if (op.op === "start") {
              const waId = `55119${String(started.length).padStart(8, "0")}`;
              ingestMessage(db, ch, inboundText(waId, "hola", (now += 1000)), now);
              started.push({ waId, version });
            } else if (started.length) {
              const who = started[op.who % started.length]!;
              ingestMessage(db, ch, inboundText(who.waId, op.text, (now += 1000)), now);
            }
          }
          for (const s of started) {
            const row = db.$client
              .prepare("SELECT v.version, s.chat_id AS chatId FROM bot_sessions s JOIN bot_flow_versions v ON v.id = s.flow_version_id JOIN chats c ON c.id = s.chat_id JOIN contact_identities i ON i.contact_id = c.contact_id WHERE i.external_id = ?")
              .get(s.waId) as { version: number; chatId: number };
            expect(row.version).toBe(s.version);
            const texts = (db.$client.prepare("SELECT body FROM messages WHERE chat_id = ? AND author_kind = 'bot' AND kind = 'text'").all(row.chatId) as { body: string }[]).map((m) => m.body);
            for (const text of texts) {
              const tagged = /\(v(\d+)\)$/.exec(text);
              if (tagged) expect(Number(tagged[1])).toBe(s.version);
            }
          }
        } finally {
          run.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
