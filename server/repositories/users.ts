import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { users } from "@/db/schema";
import { preparedQuery } from "./prepared";

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db
    .select()
    .from(users)
    .where(sql`${users.email} = ${email.trim().toLowerCase()} COLLATE NOCASE`)
    .get();
}

/** Prepared once per connection: every signed-in request re-reads its user through this. */
export function findUserById(db: Db, id: number): UserRow | undefined {
  return preparedQuery(db, "users.byId", (db) =>
    db
      .select()
      .from(users)
      .where(eq(users.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id });
}

export function listUsers(db: Db): UserRow[] {
  return preparedQuery(db, "users.all", (db) => db.select().from(users).orderBy(asc(users.name), asc(users.id)).prepare()).all();
}

export function insertUser(db: Db, user: NewUser): UserRow {
  return db.insert(users).values(user).returning().get();
}

export function updateUser(db: Db, id: number, patch: Partial<NewUser>): UserRow | undefined {
  return db.update(users).set(patch).where(eq(users.id, id)).returning().get();
}

export function countAdmins(db: Db, onlyActive = true): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(onlyActive ? sql`${users.role} = 'admin' AND ${users.active} = 1` : sql`${users.role} = 'admin'`)
    .get();
  return row?.n ?? 0;
}
