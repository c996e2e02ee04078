import fs from "node:fs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { insertAttachment } from "@/server/repositories/messages";
import { ingestMessage } from "@/server/services/ingest";
import { mediaPath } from "@/server/services/deletion";
import { eraseContact } from "@/server/services/erasure";
import { storeMediaBytes } from "@/server/services/media-store";
import type { PublicUser } from "@/server/services/users";
import { whatsappChannel } from "../support/channels";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";
import { useRouteDb } from "../support/route-db";
import { landed } from "../support/flash-jar";

// Erasing a contact (LGPD/GDPR): every chat, message, file and identity goes; the audit entry keeps ids
// and counts only; another contact sharing a file keeps it. Service and server action, on real SQLite.

class Redirect extends Error {
  constructor(readonly to: string) {
    super(to);
  }
}
const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Redirect(to);
  },
  forbidden: () => {
    throw new Redirect("403");
  },
}));
// Refusals are worded in the reader's language: this one reads English.
vi.mock("next/headers", async () => ({ headers: async () => new Headers({ "accept-language": "en" }), cookies: async () => (await import("../support/flash-jar")).cookieStore }));
vi.mock("@/server/auth/session", () => ({
  requireUser: async () => {
    if (!session.user) throw new Redirect("/login");
    return session.user;
  },
}));
const { eraseContactAction } = await import("@/app/(app)/admin/erasure-actions");

const PHONE = "5511955554444";
const NAME = "Joana Pessoal";

describe("contact erasure", () => {
  const t = useRouteDb();
  let admin: PublicUser;
  let contactId: number;
  let otherContactId: number;
  let sharedFile: string;
  let ownFile: string;
  const q = <T>(sql: string, ...args: unknown[]) => t.current.db.$client.prepare(sql).all(...args) as T[];
  const n = (sql: string, ...args: unknown[]) => (t.current.db.$client.prepare(sql).get(...args) as { n: number }).n;

  beforeEach(async () => {
    const db = t.current.db;
    admin = await makeUser(db, "admin");
    const channel = whatsappChannel(db);
    const first = ingestMessage(db, channel, inboundText(PHONE, "meu CPF é 123.456.789-00", T0, { contact: { externalId: PHONE, phone: PHONE, name: NAME } }), T0);
    contactId = first.contactId;
    const photo = ingestMessage(db, channel, inboundText(PHONE, "foto", T0 + 1, { kind: "image", contact: { externalId: PHONE, phone: PHONE, name: NAME } }), T0 + 1);
    // A second chat: close the first by SQL so the next message opens another.
    db.$client.prepare("UPDATE chats SET status = 'closed', closed_at = ? WHERE id = ?").run(T0 + 2, first.chatId);
    ingestMessage(db, channel, inboundText(PHONE, "voltei", T0 + 3, { contact: { externalId: PHONE, phone: PHONE, name: NAME } }), T0 + 3);
    const own = storeMediaBytes(Buffer.from("only Joana's photo"));
    const shared = storeMediaBytes(Buffer.from("a sticker everyone sends"));
    insertAttachment(db, { messageId: photo.messageId, sha256: own.sha256, size: own.size, status: "ready", createdAt: T0 });
    insertAttachment(db, { messageId: photo.messageId, sha256: shared.sha256, size: shared.size, status: "ready", createdAt: T0 });
    const other = ingestMessage(db, channel, inboundText("5511933332222", "sticker", T0), T0);
    otherContactId = other.contactId;
    insertAttachment(db, { messageId: other.messageId, sha256: shared.sha256, size: shared.size, status: "ready", createdAt: T0 });
    ownFile = mediaPath(own.sha256);
    sharedFile = mediaPath(shared.sha256);
  });

  it("removes every chat, message, file and identity, and audits only ids and counts", () => {
    expect(n("SELECT count(*) AS n FROM chats WHERE contact_id = ?", contactId)).toBe(2);
    const report = eraseContact(t.current.db, admin, contactId, T0 + 10);
    expect(report).toEqual({ contactId, chats: 2, messages: 3, attachments: 2, identities: 1 });

    for (const table of ["chats", "messages", "contact_identities"]) expect(n(`SELECT count(*) AS n FROM ${table} WHERE contact_id = ?`, contactId)).toBe(0);
    expect(n("SELECT count(*) AS n FROM contacts WHERE id = ?", contactId)).toBe(0);
    expect(n("SELECT count(*) AS n FROM attachments WHERE message_id NOT IN (SELECT id FROM messages)")).toBe(0);
    expect(fs.existsSync(ownFile)).toBe(false);
    expect(fs.existsSync(sharedFile)).toBe(true); // still another contact's file
    // The search indexes forget them too.
    expect(n("SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH '\"CPF\"'")).toBe(0);
    expect(n("SELECT count(*) AS n FROM contacts_fts WHERE contacts_fts MATCH '\"Joana\"'")).toBe(0);
    // The other contact is untouched.
    expect(n("SELECT count(*) AS n FROM messages WHERE contact_id = ?", otherContactId)).toBe(1);

    const audit = q<{ action: string; target_id: string; details: string }>("SELECT action, target_id, details FROM audit_log WHERE action = 'contact.erase'");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.target_id).toBe(String(contactId));
    const everything = JSON.stringify(q("SELECT * FROM audit_log"));
    for (const personal of [PHONE, NAME, "Joana", "CPF", "123.456"]) expect(everything).not.toContain(personal);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ chats: 2, messages: 3, attachments: 2, identities: 1 });
  });

  it("is for administrators only, and says when the contact is already gone", async () => {
    const agent = await makeUser(t.current.db, "agent");
    expect(() => eraseContact(t.current.db, agent, contactId, T0)).toThrow("Only administrators may erase contacts.");
    expect(n("SELECT count(*) AS n FROM messages WHERE contact_id = ?", contactId)).toBe(3);
    eraseContact(t.current.db, admin, contactId, T0);
    expect(() => eraseContact(t.current.db, admin, contactId, T0)).toThrow(`There is no contact #${contactId}.`);
  });

  it("the server action needs the confirmation box and returns to the inbox", async () => {
    const form = (extra: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ contactId: String(contactId), returnTo: `/contacts/${contactId}`, ...extra })) f.append(k, v);
      return f;
    };
    const outcome = async (f: FormData) => {
      try {
        await eraseContactAction(f);
      } catch (e) {
        if (e instanceof Redirect) return landed(e.to);
        throw e;
      }
      return "none";
    };
    session.user = admin;
    expect(await outcome(form({}))).toBe(`/contacts/${contactId}?formError=confirm`);
    expect(n("SELECT count(*) AS n FROM contacts WHERE id = ?", contactId)).toBe(1);
    expect(await outcome(form({ confirm: "on", returnTo: "//evil.example" }))).toBe("/inbox?ok=contact.erased");
    expect(n("SELECT count(*) AS n FROM contacts WHERE id = ?", contactId)).toBe(0);
    expect(await outcome(form({ confirm: "on" }))).toBe(`/contacts/${contactId}?error=There+is+no+contact+%23${contactId}.`);
  });
});
