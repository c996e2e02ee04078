import { z } from "zod";
import { changeOwnPassword, setOwnTimeZone, updateOwnProfile } from "@/server/services/users";
import { protectedProcedure, router } from "../trpc";

export const meRouter = router({
  get: protectedProcedure.query(({ ctx }) => ctx.user),
  updateProfile: protectedProcedure
    .input(z.object({ locale: z.string().max(8).nullable(), timeZone: z.string().max(64) }))
    .mutation(({ ctx, input }) => updateOwnProfile(ctx.db, ctx.user.id, input, ctx.now())),
  setTimeZone: protectedProcedure
    .input(z.object({ timeZone: z.string().max(64) }))
    .mutation(({ ctx, input }) => setOwnTimeZone(ctx.db, ctx.user.id, input.timeZone, ctx.now())),
  changePassword: protectedProcedure
    .input(z.object({ current: z.string().max(200), next: z.string().max(200) }))
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.db, ctx.user.id, input.current, input.next, ctx.now())),
});
