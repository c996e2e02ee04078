import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { seedDemo } from "@/server/demo/seed";
import { ensureFirstAdmin, ensureSystemRows } from "@/server/services/bootstrap";

// The demo ships the Spanish sample flow on WhatsApp with one contact in the middle of it, and
// `charla simulate --flow` plays a contact through a flow from the command line without sending anything.

describe("the bot in the demo and on the command line", () => {
  let dataDir: string;
  const charla = (...args: string[]) => spawnSync(process.execPath, ["bin/charla.mjs", ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: "utf8" });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "charla-bot-demo-"));
    const db = openDatabase(path.join(dataDir, "charla.db"));
    const now = Date.now();
    ensureSystemRows(db, now);
    await ensureFirstAdmin(db, now, {});
    await seedDemo(db, now);
    db.$client.close();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("the demo's WhatsApp channel runs «Bienvenida»; Paula is with the bot, at the e-mail question, and not pending", () => {
    const db = openDatabase(path.join(dataDir, "charla.db"));
    try {
      const q = <T,>(sql: string) => db.$client.prepare(sql).get() as T;
      expect(q("SELECT f.name, c.type FROM bot_channel_flows a JOIN bot_flows f ON f.id = a.flow_id JOIN channels c ON c.id = a.channel_id")).toEqual({ name: "Bienvenida", type: "whatsapp" });
      expect(q("SELECT s.status, s.step_id AS step, ch.awaiting_reply AS awaiting, ct.name FROM bot_sessions s JOIN chats ch ON ch.id = s.chat_id JOIN contacts ct ON ct.id = ch.contact_id")).toEqual({
        status: "active",
        step: "correo",
        awaiting: 0,
        name: "Paula Rocha",
      });
      const texts = db.$client.prepare("SELECT body FROM messages WHERE author_kind = 'bot' ORDER BY id").all() as { body: string }[];
      expect(texts.map((m) => m.body)).toContain("¿En qué te podemos ayudar?");
    } finally {
      db.$client.close();
    }
  });

  it("`charla simulate --flow` plays the conversation", () => {
    const flowId = (() => {
      const db = openDatabase(path.join(dataDir, "charla.db"));
      const id = (db.$client.prepare("SELECT id FROM bot_flows").get() as { id: number }).id;
      db.$client.close();
      return id;
    })();
    const out = charla("simulate", "--flow", String(flowId), "--channel", "instagram", "--say", "hola", "--say", "1", "--say", "Ana");
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain("bot> ¿En qué te podemos ayudar?");
    expect(out.stdout).toContain("       1. Ventas — Precios, pedidos y presupuestos");
    expect(out.stdout).toContain("contact> Ana");
    expect(out.stdout.trim().endsWith("[handoff: step]")).toBe(true);
    const bad = charla("simulate", "--flow", "nope");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--flow is a flow id/);
  });
});
