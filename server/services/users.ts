import type { Db } from "@/db/client";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { notFound } from "@/server/domain/errors";
import {
  assertKeepsAnAdmin,
  assertName,
  assertNotDeactivatingSelf,
  assertPassword,
  normalizeEmail,
  signInDecision,
  type Role,
  type SignInRefusal,
} from "@/server/domain/user-rules";
import { badRequest, conflict } from "@/server/domain/errors";
import { parseProfileLocale, parseTimeZone } from "@/server/domain/profile-rules";
import { writeAudit } from "@/server/repositories/audit";
import {
  countAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers,
  updateUser,
  type UserRow,
} from "@/server/repositories/users";

export interface Actor {
  actorId: number | null;
  now: number;
}

export type PublicUser = Omit<UserRow, "passwordHash">;

export function toPublicUser(user: UserRow): PublicUser {
  const { passwordHash: _omit, ...rest } = user;
  return rest;
}

export async function createUser(
  db: Db,
  input: { email: string; name: string; role: Role; password: string; locale?: string | null; timeZone?: string },
  actor: Actor,
): Promise<PublicUser> {
  const email = normalizeEmail(input.email);
  const name = assertName(input.name);
  assertPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(
    (tx) => {
      if (findUserByEmail(tx, email)) throw conflict(`A user with the email ${email} already exists.`, { key: "error.user.exists", params: { email } });
      const user = insertUser(tx, {
        email,
        name,
        role: input.role,
        passwordHash,
        active: true,
        locale: input.locale ?? null,
        timeZone: input.timeZone ?? "UTC",
        timeZoneSetAt: input.timeZone !== undefined ? actor.now : null,
        createdAt: actor.now,
      });
      writeAudit(tx, { actorId: actor.actorId, action: "user.create", targetType: "user", targetId: user.id, details: { role: user.role } }, actor.now);
      return toPublicUser(user);
    },
    { behavior: "immediate" },
  );
}

export async function setPassword(db: Db, userId: number, password: string, actor: Actor): Promise<void> {
  assertPassword(password);
  const passwordHash = await hashPassword(password);
  db.transaction(
    (tx) => {
      if (!updateUser(tx, userId, { passwordHash })) throw notFound(`There is no user #${userId}.`, { key: "error.user.notFound", params: { id: String(userId) } });
      writeAudit(tx, { actorId: actor.actorId, action: "user.set_password", targetType: "user", targetId: userId }, actor.now);
    },
    { behavior: "immediate" },
  );
}

export function updateUserAccess(
  db: Db,
  userId: number,
  change: { role?: Role; active?: boolean; name?: string; locale?: string | null; timeZone?: string },
  actor: Actor,
): PublicUser {
  return db.transaction(
    (tx) => {
      const target = findUserById(tx, userId);
      if (!target) throw notFound(`There is no user #${userId}.`, { key: "error.user.notFound", params: { id: String(userId) } });
      assertNotDeactivatingSelf({ actorId: actor.actorId, targetId: userId, active: change.active });
      const next = { role: change.role ?? target.role, active: change.active ?? target.active };
      assertKeepsAnAdmin({ target, next, activeAdmins: countAdmins(tx) });
      const updated = updateUser(tx, userId, {
        ...next,
        ...(change.name !== undefined ? { name: assertName(change.name) } : {}),
        ...(change.locale !== undefined ? { locale: change.locale } : {}),
        ...(change.timeZone !== undefined ? { timeZone: change.timeZone, timeZoneSetAt: actor.now } : {}),
      })!;
      writeAudit(tx, { actorId: actor.actorId, action: "user.update", targetType: "user", targetId: userId, details: { ...change, name: undefined } }, actor.now);
      return toPublicUser(updated);
    },
    { behavior: "immediate" },
  );
}

/** What every user may change about themselves: language and time zone. */
export function updateOwnProfile(db: Db, userId: number, input: { locale: string | null; timeZone: string }, now: number): PublicUser {
  const locale = parseProfileLocale(input.locale);
  const timeZone = parseTimeZone(input.timeZone);
  return db.transaction(
    (tx) => {
      const updated = updateUser(tx, userId, { locale, timeZone, timeZoneSetAt: now });
      if (!updated) throw notFound(`There is no user #${userId}.`, { key: "error.user.notFound", params: { id: String(userId) } });
      writeAudit(tx, { actorId: userId, action: "user.profile", targetType: "user", targetId: userId, details: { locale, timeZone } }, now);
      return toPublicUser(updated);
    },
    { behavior: "immediate" },
  );
}

/** The banner's "use my browser's zone": the time zone alone, the language untouched. */
export function setOwnTimeZone(db: Db, userId: number, zone: string, now: number): PublicUser {
  const timeZone = parseTimeZone(zone);
  return db.transaction(
    (tx) => {
      const updated = updateUser(tx, userId, { timeZone, timeZoneSetAt: now });
      if (!updated) throw notFound(`There is no user #${userId}.`, { key: "error.user.notFound", params: { id: String(userId) } });
      writeAudit(tx, { actorId: userId, action: "user.time_zone", targetType: "user", targetId: userId, details: { timeZone } }, now);
      return toPublicUser(updated);
    },
    { behavior: "immediate" },
  );
}

/**
 * At sign-in, the browser's zone becomes the user's when nobody has chosen one yet (a new account starts in
 * UTC). A zone already chosen is kept, and a missing or unknown name changes nothing: signing in never fails
 * over it. Returns whether the zone was adopted.
 */
export function adoptBrowserTimeZone(db: Db, userId: number, browserZone: unknown, now: number): boolean {
  let timeZone: string;
  try {
    timeZone = parseTimeZone(typeof browserZone === "string" ? browserZone : "");
  } catch {
    return false;
  }
  return db.transaction(
    (tx) => {
      const user = findUserById(tx, userId);
      if (!user || user.timeZoneSetAt !== null) return false;
      updateUser(tx, userId, { timeZone, timeZoneSetAt: now });
      writeAudit(tx, { actorId: userId, action: "user.time_zone_detected", targetType: "user", targetId: userId, details: { timeZone } }, now);
      return true;
    },
    { behavior: "immediate" },
  );
}

/** Changing one's own password needs the current one: a borrowed, unlocked screen must not be enough. */
export async function changeOwnPassword(db: Db, userId: number, current: string, next: string, now: number): Promise<void> {
  const user = findUserById(db, userId);
  if (!user || !(await verifyPassword(current, user.passwordHash))) throw badRequest("The current password is not right.", { key: "error.user.currentPassword" });
  await setPassword(db, userId, next, { actorId: userId, now });
}

export function findUserByEmailOrThrow(db: Db, email: string): PublicUser {
  const user = findUserByEmail(db, email);
  if (!user) throw notFound(`There is no user with the email ${email}.`, { key: "error.user.noEmail", params: { email } });
  return toPublicUser(user);
}

export function allUsers(db: Db): PublicUser[] {
  return listUsers(db).map(toPublicUser);
}

/** The signed-in user as loaded on every request: a deactivated account stops working at once. */
export function activeUserById(db: Db, id: number): PublicUser | null {
  const user = findUserById(db, id);
  return user && user.active ? toPublicUser(user) : null;
}

export async function authenticate(
  db: Db,
  email: string,
  password: string,
): Promise<{ ok: true; user: PublicUser } | { ok: false; reason: SignInRefusal }> {
  const user = findUserByEmail(db, email);
  // Verify against a real hash even for unknown emails so timing does not reveal who has an account.
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const decision = signInDecision(user, matches);
  return decision === "ok" ? { ok: true, user: toPublicUser(user!) } : { ok: false, reason: decision };
}

const DUMMY_HASH =
  "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
