import type { Db } from "@/db/client";
import { channels } from "@/db/schema";
import { insertContact } from "@/server/repositories/contacts";
import { createUser, type PublicUser } from "@/server/services/users";

export const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

let counter = 0;

export async function makeUser(db: Db, role: "admin" | "agent", name?: string): Promise<PublicUser> {
  counter += 1;
  const label = name ?? `${role} ${counter}`;
  return createUser(
    db,
    { email: `${label.replace(/\W+/g, ".").toLowerCase()}.${counter}@example.com`, name: label, role, password: "password-123" },
    { actorId: null, now: T0 },
  );
}

export function makeChannel(db: Db, type: "whatsapp" | "instagram" | "zenvia" | "webchat" = "whatsapp", externalId = "109876543210987") {
  return db
    .insert(channels)
    .values({ type, name: `${type} test`, externalId, config: {}, secrets: {}, active: true, createdAt: T0 })
    .returning()
    .get();
}

export function makeContact(db: Db, name = "Marina Souza") {
  return insertContact(db, { name, createdAt: T0 });
}
