import { initTRPC, TRPCError } from "@trpc/server";
import { getDb, type Db } from "@/db/client";
import { isDomainError, type ErrorText } from "@/server/domain/errors";
import { translateError, translator, type Locale } from "@/server/i18n/locale";
import type { PublicUser } from "@/server/services/users";
import { systemClock, type Clock } from "@/server/services/clock";

export interface Context {
  db: Db;
  user: PublicUser | null;
  now: Clock;
  /** The reader's language (profile, then Accept-Language); refusals are worded in it. Absent: English. */
  locale?: Locale;
}

export function createContext(user: PublicUser | null, db: Db = getDb(), now: Clock = systemClock, locale?: Locale): Context {
  return { db, user, now, locale };
}

/** A refusal's text for this request: pages show a TRPCError's message as it is. */
function worded(ctx: Pick<Context, "locale">, error: { message: string; text?: ErrorText }): string {
  return ctx.locale ? translateError(translator(ctx.locale), error) : error.message;
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
    // Internal errors say nothing of our internals; the details go to the server log only.
    if (error.code === "INTERNAL_SERVER_ERROR") {
      return {
        ...shape,
        message: worded(ctx ?? {}, { message: "Something went wrong on our side. It has been logged; please try again.", text: { key: "error.internal" } }),
        data: { ...shape.data, stack: undefined },
      };
    }
    return { ...shape, data: { ...shape.data, stack: undefined } };
  },
});

/** Domain rules throw plain typed errors; here they become tRPC errors with the same code, in the reader's language. */
const domainErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isDomainError(cause)) throw new TRPCError({ code: cause.code, message: worded(ctx, cause), cause });
    if (result.error.code === "INTERNAL_SERVER_ERROR") console.error(result.error.cause ?? result.error);
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: worded(ctx, { message: "Sign in to continue.", text: { key: "error.auth.signIn" } }) });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: worded(ctx, { message: "Only administrators may do this.", text: { key: "error.permission.other" } }) });
  }
  return next();
});
