import { encode } from "next-auth/jwt";

// A signed-in agent's cookie without going through the login form (which is rate-limited and costs a
// scrypt hash): the Auth.js JWT the app's own sign-in would set, encrypted with the server's AUTH_SECRET.
// Over plain http Auth.js names the cookie authjs.session-token and uses that name as the key's salt.

export const SESSION_COOKIE = "authjs.session-token";

export interface BenchUser {
  id: number;
  name: string;
  email: string;
  role: "admin" | "agent";
}

export async function sessionCookie(user: BenchUser, secret: string): Promise<string> {
  const token = await encode({
    secret,
    salt: SESSION_COOKIE,
    maxAge: 12 * 60 * 60,
    token: { sub: String(user.id), uid: String(user.id), role: user.role, name: user.name, email: user.email },
  });
  return `${SESSION_COOKIE}=${token}`;
}
