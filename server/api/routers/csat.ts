import { z } from "zod";
import { CSAT_INTERVAL_DAYS } from "@/server/domain/csat";
import { csatSettingsByChannel, updateCsatSettings } from "@/server/services/csat-settings";
import { adminProcedure, router } from "../trpc";

export const csatRouter = router({
  settings: adminProcedure.query(({ ctx }) => csatSettingsByChannel(ctx.db)),
  update: adminProcedure
    .input(
      z.object({
        channelId: z.number().int().positive(),
        enabled: z.boolean(),
        intervalDays: z.number().int().min(CSAT_INTERVAL_DAYS.min).max(CSAT_INTERVAL_DAYS.max),
        templateName: z.string().max(512).nullable(),
        language: z.enum(["es", "pt", "en"]),
      }),
    )
    .mutation(({ ctx, input }) => updateCsatSettings(ctx.db, input, { actorId: ctx.user.id, now: ctx.now() })),
});
