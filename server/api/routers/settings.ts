import { z } from "zod";
import { getSettings, updateSetting } from "@/server/services/settings";
import { adminProcedure, protectedProcedure, router } from "../trpc";

export const settingsRouter = router({
  get: protectedProcedure.query(({ ctx }) => getSettings(ctx.db)),
  update: adminProcedure
    .input(
      z.discriminatedUnion("key", [
        z.object({ key: z.literal("sharedInbox"), value: z.boolean() }),
        z.object({ key: z.literal("inactivityMinutes"), value: z.number().int().min(5).max(129600).nullable() }),
        z.object({ key: z.literal("pollIntervalSeconds"), value: z.number().int().min(2).max(300) }),
        z.object({ key: z.literal("currency"), value: z.string().regex(/^[A-Z]{3}$/) }),
        z.object({ key: z.literal("paymentLinkPattern"), value: z.union([z.literal(""), z.url().startsWith("https://").includes("{amount}")]) }),
      ]),
    )
    .mutation(({ ctx, input }) => updateSetting(ctx.db, input.key, input.value as never, { actorId: ctx.user.id, now: ctx.now() })),
});
