import { initTRPC, TRPCError } from "@trpc/server";
import { getDb, type Db } from "@/db/client";
import { isDomainError } from "@/server/domain/errors";
import type { PublicUser } from "@/server/services/users";
import { systemClock, type Clock } from "@/server/services/clock";

export interface Context {
  db: Db;
  user: PublicUser | null;
  now: Clock;
}

export function createContext(user: PublicUser | null, db: Db = getDb(), now: Clock = systemClock): Context {
  return { db, user, now };
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    // Internal errors say nothing of our internals; the details go to the server log only.
    if (error.code === "INTERNAL_SERVER_ERROR") {
      return {
        ...shape,
        message: "Something went wrong on our side. It has been logged; please try again.",
        data: { ...shape.data, stack: undefined },
      };
    }
    return { ...shape, data: { ...shape.data, stack: undefined } };
  },
});

/** Domain rules throw plain typed errors; here they become tRPC errors with the same code and message. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isDomainError(cause)) throw new TRPCError({ code: cause.code, message: cause.message, cause });
    if (result.error.code === "INTERNAL_SERVER_ERROR") console.error(result.error.cause ?? result.error);
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only administrators may do this." });
  }
  return next();
});
