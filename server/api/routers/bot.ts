import { z } from "zod";
import { assignChannelFlow, createFlow, deleteFlow, flowDetail, flowSummaries, importFlowJson, publishFlow, RETURNING_HOURS_MAX, saveDraft } from "@/server/services/bot/flows";
import { tryDraft, TRY_MAX_TURNS } from "@/server/services/bot/try";
import { chatsWithTheBot } from "@/server/services/bot/with-bot";
import { adminProcedure, protectedProcedure, router } from "../trpc";

const id = z.number().int().positive();
/** A flow's JSON is validated by the service (its errors name the step); here only its size is bounded. */
const draft = z.record(z.string(), z.unknown()).refine((d) => JSON.stringify(d).length <= 200_000, "The flow is too large.");

export const botRouter = router({
  flows: adminProcedure.query(({ ctx }) => flowSummaries(ctx.db, ctx.user)),
  get: adminProcedure.input(z.object({ id })).query(({ ctx, input }) => flowDetail(ctx.db, ctx.user, input.id)),
  create: adminProcedure
    .input(z.object({ name: z.string().max(200), sample: z.boolean().default(true) }))
    .mutation(({ ctx, input }) => createFlow(ctx.db, { viewer: ctx.user, now: ctx.now() }, input)),
  save: adminProcedure
    .input(z.object({ id, draft, name: z.string().max(200).optional() }))
    .mutation(({ ctx, input }) => saveDraft(ctx.db, { viewer: ctx.user, now: ctx.now() }, input.id, input.draft, input.name)),
  import: adminProcedure
    .input(z.object({ id, json: z.string().max(200_000) }))
    .mutation(({ ctx, input }) => importFlowJson(ctx.db, { viewer: ctx.user, now: ctx.now() }, input.id, input.json)),
  publish: adminProcedure.input(z.object({ id })).mutation(({ ctx, input }) => publishFlow(ctx.db, { viewer: ctx.user, now: ctx.now() }, input.id)),
  delete: adminProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deleteFlow(ctx.db, { viewer: ctx.user, now: ctx.now() }, input.id)),
  assign: adminProcedure
    .input(z.object({ channelId: id, flowId: id.nullable(), returningAfterHours: z.number().int().min(1).max(RETURNING_HOURS_MAX).nullable() }))
    .mutation(({ ctx, input }) => assignChannelFlow(ctx.db, { viewer: ctx.user, now: ctx.now() }, input)),
  try: adminProcedure
    .input(
      z.object({
        id,
        said: z.array(z.object({ text: z.string().max(4096), choiceId: z.string().max(200).optional() })).max(TRY_MAX_TURNS),
        channelType: z.enum(["whatsapp", "instagram", "zenvia", "webchat"]).optional(),
      }),
    )
    .query(({ ctx, input }) => tryDraft(ctx.db, ctx.user, input.id, input.said, { now: ctx.now(), ...(input.channelType ? { channelType: input.channelType } : {}) })),
  /** Open chats the bot holds: every agent may see them (they are unassigned) and take one over. */
  withBot: protectedProcedure.query(({ ctx }) => chatsWithTheBot(ctx.db)),
});
