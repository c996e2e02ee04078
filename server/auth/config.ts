import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { clientIp } from "@/server/http/rate-limit";
import { authSecret } from "./secret";
import { SESSION_MAX_AGE_S } from "./session-age";
import { adoptBrowserTimeZone } from "@/server/services/users";
import { throttledSignIn } from "./sign-in";

/** The code travels to /login?error=…, where it picks the message; it never says which part was wrong. */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

declare module "next-auth" {
  interface User {
    role?: "admin" | "agent";
  }
  interface Session {
    user: { id: string; role: "admin" | "agent"; name?: string | null; email?: string | null };
  }
}


// A function, not an object: the secret is read (or made) at request time, never at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  // The app is self-hosted behind whatever host name the company uses; Auth.js must trust it.
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, timeZone: {} },
      async authorize(credentials, request) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!email || !password) throw new SignInRefused("invalid");
        // Auth.js hands over the request (from the server action's headers): its address keys the per-IP limit.
        const result = await throttledSignIn(getDb(), email, password, clientIp(request.headers), Date.now());
        if (!result.ok) throw new SignInRefused(result.reason);
        // The login form reports the browser's zone; a new account takes it instead of UTC.
        adoptBrowserTimeZone(getDb(), result.user.id, credentials?.timeZone, Date.now());
        return { id: String(result.user.id), name: result.user.name, email: result.user.email, role: result.user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid ?? "");
      session.user.role = token.role === "admin" ? "admin" : "agent";
      return session;
    },
  },
  logger: {
    // A wrong password is an everyday event, not a server error worth a stack trace.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
}));
