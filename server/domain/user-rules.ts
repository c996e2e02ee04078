import { badRequest, conflict } from "./errors";

export const roles = ["admin", "agent"] as const;
export type Role = (typeof roles)[number];

export const MIN_PASSWORD_LENGTH = 8;

export function normalizeEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(value) || value.length > 254) {
    throw badRequest(`“${email}” is not a valid email address.`, { key: "error.user.email", params: { email } });
  }
  return value;
}

export function assertPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badRequest(`Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`, { key: "error.user.passwordShort", params: { min: MIN_PASSWORD_LENGTH } });
  }
  if (password.length > 200) throw badRequest("Passwords are limited to 200 characters.", { key: "error.user.passwordLong", params: { max: 200 } });
}

export function assertName(name: string): string {
  const value = name.trim();
  if (!value || value.length > 100) throw badRequest("A name needs 1 to 100 characters.", { key: "error.user.name" });
  return value;
}

/** The last active administrator cannot be demoted or deactivated: nobody could manage the company then. */
export function assertKeepsAnAdmin(input: {
  target: { role: Role; active: boolean };
  next: { role: Role; active: boolean };
  activeAdmins: number;
}): void {
  const wasActiveAdmin = input.target.role === "admin" && input.target.active;
  const staysActiveAdmin = input.next.role === "admin" && input.next.active;
  if (wasActiveAdmin && !staysActiveAdmin && input.activeAdmins <= 1) {
    throw conflict("This is the last active administrator; make someone else an administrator first.", { key: "error.user.lastAdmin" });
  }
}

/**
 * Nobody deactivates their own account: one click would sign them out with no way back in. Another
 * administrator can, and so can the command line (no acting user, `actorId` null).
 */
export function assertNotDeactivatingSelf(input: { actorId: number | null; targetId: number; active: boolean | undefined }): void {
  if (input.active === false && input.actorId !== null && input.actorId === input.targetId) {
    // CONFLICT, not FORBIDDEN: the admin may manage users; this one change is what is refused.
    throw conflict("You can't deactivate your own account; another administrator can do it.", { key: "error.user.deactivateSelf" });
  }
}

export type SignInRefusal = "invalid" | "inactive";

/** Same answer for an unknown email and a wrong password, so sign-in does not reveal who has an account. */
export function signInDecision(
  user: { active: boolean } | undefined,
  passwordMatches: boolean,
): SignInRefusal | "ok" {
  if (!user || !passwordMatches) return "invalid";
  return user.active ? "ok" : "inactive";
}
