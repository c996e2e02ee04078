import { z } from "zod";
import { buildReport } from "@/server/services/reports";
import { protectedProcedure, router } from "../trpc";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.number().int().positive();

export const reportQuery = z.object({
  range: z.enum(["today", "7d", "30d", "custom"]).default("7d"),
  from: day.optional(),
  to: day.optional(),
  channelId: id.optional(),
  agentId: id.optional(),
  closeReasonId: id.optional(),
  teamId: id.optional(),
  business: z.boolean().optional(),
});

// Agents may call it too: the service limits them to their own figures (server/domain/report-scope.ts).
export const reportsRouter = router({
  get: protectedProcedure.input(reportQuery).query(({ ctx, input }) => buildReport(ctx.db, ctx.user, input, ctx.now())),
});
