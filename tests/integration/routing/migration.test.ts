import fs from "node:fs";
import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import { migrationsFolder, openDatabase } from "@/db/client";
import { T0 } from "../../support/fixtures";
import { tempDb } from "../../support/db";

type Row = Record<string, unknown>;

describe("migration 0014 (teams)", () => {
  it("puts everyone in one default manual team and its active chats in that team's queue", () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "charla-teams-migration-"));
    try {
      const older = path.join(dir, "migrations");
      fs.cpSync(migrationsFolder(), older, { recursive: true });
      const journalFile = path.join(older, "meta/_journal.json");
      const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
      const from = journal.entries.findIndex((e) => e.tag.startsWith("0014_"));
      expect(from).toBeGreaterThan(0);
      journal.entries = journal.entries.slice(0, from);
      fs.writeFileSync(journalFile, JSON.stringify(journal));
      const db = openDatabase(path.join(dir, "charla.db"), { migrate: false });
      migrate(db, { migrationsFolder: older });

      const sqlite = db.$client;
      const addUser = sqlite.prepare("INSERT INTO users (name, email, password_hash, role, created_at) VALUES (?, ?, 'x', ?, ?)");
      const admin = Number(addUser.run("Admin", "admin@example.com", "admin", T0).lastInsertRowid);
      const agent = Number(addUser.run("Ana", "ana@example.com", "agent", T0).lastInsertRowid);
      const channel = Number(sqlite.prepare("INSERT INTO channels (type, name, created_at) VALUES ('webchat', 'Site', ?)").run(T0).lastInsertRowid);
      const contact = (name: string) => Number(sqlite.prepare("INSERT INTO contacts (name, created_at) VALUES (?, ?)").run(name, T0).lastInsertRowid);
      const addChat = sqlite.prepare("INSERT INTO chats (contact_id, channel_id, status, opened_at, sort_at, updated_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
      const open = Number(addChat.run(contact("A"), channel, "open", T0, T0, T0, null).lastInsertRowid);
      const closed = Number(addChat.run(contact("B"), channel, "closed", T0 - 5, T0, T0, T0).lastInsertRowid);

      migrate(db, { migrationsFolder: migrationsFolder() });
      const teams = sqlite.prepare("SELECT id, name, is_default, mode FROM teams").all() as Row[];
      expect(teams).toEqual([{ id: expect.any(Number), name: "General", is_default: 1, mode: "manual" }]);
      const teamId = teams[0]!.id;
      const members = sqlite.prepare("SELECT user_id FROM team_members WHERE team_id = ? ORDER BY user_id").all(teamId) as Row[];
      expect(members.map((m) => m.user_id)).toEqual([admin, agent]);
      const chat = (id: number) => sqlite.prepare("SELECT team_id, queued_at FROM chats WHERE id = ?").get(id) as Row;
      expect(chat(open)).toEqual({ team_id: teamId, queued_at: T0 });
      expect(chat(closed)).toEqual({ team_id: null, queued_at: null });
      // Everyone stays available (the choice); nobody is polling yet.
      expect(sqlite.prepare("SELECT DISTINCT availability FROM users").all()).toEqual([{ availability: "available" }]);
      sqlite.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("team triggers", () => {
  it("a new person joins the default team; team and membership changes are structure changes; an owner ends the pending offer", () => {
    const t = tempDb();
    try {
      const sqlite = t.db.$client;
      const teamId = (sqlite.prepare("SELECT id FROM teams WHERE is_default = 1").get() as { id: number }).id;
      const seq = () => (sqlite.prepare("SELECT coalesce(max(seq), 0) AS s FROM changes").get() as { s: number }).s;
      const kindsSince = (s: number) => (sqlite.prepare("SELECT kind FROM changes WHERE seq > ?").all(s) as Row[]).map((r) => r.kind);

      const ana = Number(sqlite.prepare("INSERT INTO users (name, email, password_hash, role, created_at) VALUES ('Ana', 'ana@x.com', 'x', 'agent', ?)").run(T0).lastInsertRowid);
      const bea = Number(sqlite.prepare("INSERT INTO users (name, email, password_hash, role, created_at) VALUES ('Bea', 'bea@x.com', 'x', 'agent', ?)").run(T0).lastInsertRowid);
      expect(sqlite.prepare("SELECT user_id FROM team_members WHERE team_id = ? ORDER BY user_id").all(teamId)).toEqual([{ user_id: ana }, { user_id: bea }]);

      let before = seq();
      const sales = Number(sqlite.prepare("INSERT INTO teams (name, created_at) VALUES ('Ventas', ?)").run(T0).lastInsertRowid);
      sqlite.prepare("INSERT INTO team_members (team_id, user_id, created_at) VALUES (?, ?, ?)").run(sales, ana, T0);
      sqlite.prepare("UPDATE teams SET mode = 'balanced' WHERE id = ?").run(sales);
      expect(kindsSince(before)).toEqual(["structure", "structure", "structure"]);
      expect(() => sqlite.prepare("INSERT INTO teams (name, created_at) VALUES ('ventas', ?)").run(T0)).toThrow(/UNIQUE/);
      expect(() => sqlite.prepare("UPDATE teams SET is_default = 1 WHERE id = ?").run(sales)).toThrow(/UNIQUE/);

      const channel = Number(sqlite.prepare("INSERT INTO channels (type, name, created_at) VALUES ('webchat', 'Site', ?)").run(T0).lastInsertRowid);
      const contact = Number(sqlite.prepare("INSERT INTO contacts (name, created_at) VALUES ('C', ?)").run(T0).lastInsertRowid);
      const chat = Number(sqlite.prepare("INSERT INTO chats (contact_id, channel_id, status, opened_at, sort_at, updated_at, team_id) VALUES (?, ?, 'open', ?, ?, ?, ?)").run(contact, channel, T0, T0, T0, sales).lastInsertRowid);
      expect(sqlite.prepare("SELECT team_id FROM chat_metrics WHERE chat_id = ?").get(chat)).toEqual({ team_id: sales });
      sqlite.prepare("UPDATE chats SET team_id = ? WHERE id = ?").run(teamId, chat);
      expect(sqlite.prepare("SELECT team_id FROM chat_metrics WHERE chat_id = ?").get(chat)).toEqual({ team_id: teamId });

      const offer = sqlite.prepare("INSERT INTO chat_offers (chat_id, user_id, team_id, offered_at, expires_at) VALUES (?, ?, ?, ?, ?)");
      before = seq();
      offer.run(chat, ana, teamId, T0, T0 + 60_000);
      expect(kindsSince(before)).toEqual(["chat"]);
      expect(() => offer.run(chat, bea, teamId, T0, T0 + 60_000)).toThrow(/UNIQUE/); // one pending offer per chat
      sqlite.prepare("UPDATE chats SET assignee_id = ? WHERE id = ?").run(bea, chat);
      expect(sqlite.prepare("SELECT outcome FROM chat_offers WHERE chat_id = ?").all(chat)).toEqual([{ outcome: "withdrawn" }]);
      sqlite.prepare("UPDATE chats SET assignee_id = NULL WHERE id = ?").run(chat);
      offer.run(chat, ana, teamId, T0, T0 + 60_000);
      sqlite.prepare("UPDATE chats SET assignee_id = ? WHERE id = ?").run(ana, chat);
      expect(sqlite.prepare("SELECT outcome FROM chat_offers WHERE chat_id = ? ORDER BY id").all(chat)).toEqual([{ outcome: "withdrawn" }, { outcome: "accepted" }]);
    } finally {
      t.close();
    }
  });
});
