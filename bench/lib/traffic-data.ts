import Database from "better-sqlite3";
import { CHANGE_RETENTION_MS } from "@/server/jobs/lifecycle";
import type { BenchUser } from "./session-cookie";

// The people and chats of the live-traffic suite, made in the server's copy of the dataset before the server
// opens it (adding users later would be a "structure" change that re-renders every open tab). Many agents
// with one or two tabs each, as in a contact center, instead of the dataset's six agents with hundreds:
// the server's per-viewer work (the Mine list, the counters, session decoding) is then paid per person.

export const TRAFFIC_EMAIL_DOMAIN = "traffic.bench.example.com";
/** One administrator in this many users. */
const ADMIN_EVERY = 25;
const LOCALE = "es";
const TIME_ZONE = "America/Argentina/Buenos_Aires";

export interface WatchedChat {
  chatId: number;
  userId: number;
  phone: string;
  name: string;
}

export interface TrafficWorld {
  users: BenchUser[];
  /** Open WhatsApp chats, each assigned to a different user whose first tab shows it; their contacts write in. */
  watched: WatchedChat[];
  /** Another active chat of a user without a watched one (Instagram, Zenvia, web chat): open in their tab, quiet. */
  quietChatOf: Map<number, number>;
  /** WhatsApp contacts with no active chat: writing in opens a new, unassigned chat. */
  returning: Array<{ phone: string; name: string }>;
  channel: { id: number; phoneNumberId: string; appSecret: string };
}

/** Adds `userCount` users and shares the dataset's assigned active chats among them. */
export function prepareTrafficDb(dbFile: string, userCount: number, now = Date.now()): void {
  const db = new Database(dbFile);
  try {
    db.transaction(() => {
      const hash = db.prepare("SELECT password_hash FROM users WHERE email = 'agent1@bench.example.com'").pluck().get() as string;
      const insert = db.prepare("INSERT INTO users (name, email, password_hash, role, active, locale, time_zone, created_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)");
      const ids: number[] = [];
      for (let i = 0; i < userCount; i++) {
        const role = i % ADMIN_EVERY === 0 ? "admin" : "agent";
        ids.push(Number(insert.run(`${role === "admin" ? "Supervisor" : "Agente"} ${i + 1}`, `t${i + 1}@${TRAFFIC_EMAIL_DOMAIN}`, hash, role, LOCALE, TIME_ZONE, now).lastInsertRowid));
      }
      // Open WhatsApp chats of contacts with a phone, without a reminder (a reminder's change would re-render
      // the open chat for reasons other than messages), first: each goes to a different user.
      const chats = db
        .prepare(
          `SELECT c.id FROM chats c
           WHERE c.status <> 'closed' AND c.assignee_id IS NOT NULL
           ORDER BY (c.channel_id = 1 AND c.status = 'open' AND c.remind_at IS NULL AND c.reminder_due = 0
                     AND EXISTS (SELECT 1 FROM contact_identities ci WHERE ci.contact_id = c.contact_id AND ci.channel_id = 1 AND ci.phone IS NOT NULL)) DESC, c.id`,
        )
        .pluck()
        .all() as number[];
      const assign = db.prepare("UPDATE chats SET assignee_id = ? WHERE id = ?");
      chats.forEach((chatId, i) => assign.run(ids[i % ids.length], chatId));
      // The state a running server keeps: the bench's clock is months past the dataset's last message, so
      // with the dataset's 7-day inactivity every open chat is overdue, and the server would spend the
      // measured minutes closing them, 500 per lifecycle tick (about half a second of its loop each, the
      // closes reaching every tab), and its first tick deleting the million changes the migrations wrote
      // (about a second). A running server closes chats as they go quiet, a few at a time, and prunes the
      // sequence every 30 s: inactivity is off for this copy, and the changes older than the retention are gone.
      db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('inactivityMinutes', 'null', ?) ON CONFLICT (key) DO UPDATE SET value = 'null'").run(now);
      db.prepare("DELETE FROM changes WHERE at < ? AND seq < (SELECT max(seq) FROM changes)").run(now - CHANGE_RETENTION_MS);
    })();
  } finally {
    db.close();
  }
}

export function readTrafficWorld(dbFile: string): TrafficWorld {
  const db = new Database(dbFile, { readonly: true });
  try {
    const users = db.prepare(`SELECT id, name, email, role FROM users WHERE email LIKE '%@${TRAFFIC_EMAIL_DOMAIN}' ORDER BY id`).all() as BenchUser[];
    const channel = db.prepare("SELECT id, external_id AS phoneNumberId, secrets FROM channels WHERE type = 'whatsapp' AND active = 1 ORDER BY id LIMIT 1").get() as { id: number; phoneNumberId: string; secrets: string };
    const userIds = new Set(users.map((u) => u.id));
    const active = db
      .prepare(
        `SELECT c.id AS chatId, c.assignee_id AS userId, c.channel_id AS channelId, c.status, c.remind_at AS remindAt, c.reminder_due AS due,
                co.name, (SELECT ci.phone FROM contact_identities ci WHERE ci.contact_id = c.contact_id AND ci.channel_id = ? AND ci.phone IS NOT NULL) AS phone
         FROM chats c JOIN contacts co ON co.id = c.contact_id
         WHERE c.status <> 'closed' AND c.assignee_id IS NOT NULL ORDER BY c.id`,
      )
      .all(channel.id) as Array<{ chatId: number; userId: number; channelId: number; status: string; remindAt: number | null; due: number; name: string; phone: string | null }>;
    const watched: WatchedChat[] = [];
    const quietChatOf = new Map<number, number>();
    const taken = new Set<number>();
    for (const c of active) {
      if (!userIds.has(c.userId)) continue;
      if (c.channelId === channel.id && c.status === "open" && c.remindAt === null && !c.due && c.phone && !taken.has(c.userId)) {
        watched.push({ chatId: c.chatId, userId: c.userId, phone: c.phone, name: c.name });
        taken.add(c.userId);
      }
    }
    for (const c of active) if (userIds.has(c.userId) && !taken.has(c.userId) && !quietChatOf.has(c.userId)) quietChatOf.set(c.userId, c.chatId);
    const returning = db
      .prepare(
        `SELECT ci.phone, co.name FROM contact_identities ci JOIN contacts co ON co.id = ci.contact_id
         WHERE ci.channel_id = ? AND ci.phone IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM chats c WHERE c.contact_id = ci.contact_id AND c.status <> 'closed')
         ORDER BY ci.id LIMIT 5000`,
      )
      .all(channel.id) as Array<{ phone: string; name: string }>;
    return { users, watched, quietChatOf, returning, channel: { id: channel.id, phoneNumberId: channel.phoneNumberId, appSecret: (JSON.parse(channel.secrets) as { appSecret: string }).appSecret } };
  } finally {
    db.close();
  }
}
