import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { ingestMessage } from "@/server/services/ingest";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// Migration 0016: whatever code path lets a person take a chat, its bot session stops in the same write.

describe("bot session triggers", () => {
  let t: ReturnType<typeof tempDb>;
  let db: Db;
  let chatId: number;
  const session = () => db.$client.prepare("SELECT status, end_reason AS reason, timeout_at AS timeoutAt FROM bot_sessions WHERE chat_id = ?").get(chatId);
  const run = (sql: string, ...args: unknown[]) => db.$client.prepare(sql).run(...args);

  beforeEach(() => {
    t = tempDb();
    db = t.db;
    const channel = whatsappChannel(db);
    chatId = ingestMessage(db, channel, inboundText("5511911110000", "hola", T0), T0).chatId;
    const flowId = run("INSERT INTO bot_flows (name, draft, created_at, updated_at) VALUES ('f', '{}', 0, 0)").lastInsertRowid;
    const versionId = run("INSERT INTO bot_flow_versions (flow_id, version, definition, published_at) VALUES (?, 1, '{}', 0)", flowId).lastInsertRowid;
    run("INSERT INTO bot_sessions (chat_id, flow_version_id, status, step_id, answers, started_at, last_activity_at, timeout_at) VALUES (?, ?, 'active', 'menu', '[]', 0, 0, 99)", chatId, versionId);
  });
  afterEach(() => t.close());

  it("an assignee stops it", async () => {
    const agent = await makeUser(db, "agent");
    run("UPDATE chats SET assignee_id = ?, updated_at = 5 WHERE id = ?", agent.id, chatId);
    expect(session()).toEqual({ status: "stopped", reason: "taken_over", timeoutAt: null });
  });

  it("an agent's message stops it; the bot's own messages, notes and authorless echoes do not", async () => {
    const agent = await makeUser(db, "agent");
    const insert = (authorKind: string, authorId: number | null, kind: string) =>
      run("INSERT INTO messages (chat_id, contact_id, channel_id, direction, author_kind, author_id, kind, body, created_at) SELECT id, contact_id, channel_id, 'out', ?, ?, ?, 'x', 7 FROM chats WHERE id = ?", authorKind, authorId, kind, chatId);
    insert("bot", null, "text");
    insert("user", null, "text");
    insert("user", agent.id, "note");
    expect(session()).toMatchObject({ status: "active" });
    insert("user", agent.id, "text");
    expect(session()).toEqual({ status: "stopped", reason: "taken_over", timeoutAt: null });
  });

  it("closing the chat ends it", () => {
    run("UPDATE chats SET status = 'closed', closed_at = 9, updated_at = 9 WHERE id = ?", chatId);
    expect(session()).toEqual({ status: "closed", reason: "chat_closed", timeoutAt: null });
  });
});
