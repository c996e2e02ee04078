import { z } from "zod";
import { auditPage } from "@/server/services/audit";
import { closeReasons, quickReplies, templates } from "@/server/services/catalog";
import { sendQuickReply } from "@/server/services/send-quick-reply";
import { translator } from "@/server/i18n/locale";
import { adminProcedure, protectedProcedure, router } from "../trpc";

const id = z.number().int().positive();
const actor = (ctx: { user: { id: number }; now: () => number }) => ({ actorId: ctx.user.id, now: ctx.now() });

export const closeReasonsRouter = router({
  list: protectedProcedure.query(({ ctx }) => closeReasons.list(ctx.db, ctx.locale && translator(ctx.locale))),
  create: adminProcedure.input(z.object({ label: z.string().max(200) })).mutation(({ ctx, input }) => closeReasons.create(ctx.db, input.label, actor(ctx))),
  update: adminProcedure
    .input(z.object({ id, label: z.string().max(200).optional(), active: z.boolean().optional() }))
    .mutation(({ ctx, input: { id: reasonId, ...change } }) => closeReasons.update(ctx.db, reasonId, change, actor(ctx))),
  delete: adminProcedure.input(z.object({ id })).mutation(({ ctx, input }) => closeReasons.remove(ctx.db, input.id, actor(ctx))),
});

export const quickRepliesRouter = router({
  list: protectedProcedure.query(({ ctx }) => quickReplies.list(ctx.db)),
  create: adminProcedure
    .input(z.object({ shortcut: z.string().max(64), body: z.string().max(70_000) }))
    .mutation(({ ctx, input }) => quickReplies.create(ctx.db, input, actor(ctx))),
  update: adminProcedure
    .input(z.object({ id, shortcut: z.string().max(64), body: z.string().max(70_000) }))
    .mutation(({ ctx, input: { id: quickReplyId, ...change } }) => quickReplies.update(ctx.db, quickReplyId, change, actor(ctx))),
  delete: adminProcedure.input(z.object({ id })).mutation(({ ctx, input }) => quickReplies.remove(ctx.db, input.id, actor(ctx))),
  /** Sends one in a chat with its variables filled in for that chat (the list's way, without JavaScript). */
  send: protectedProcedure
    .input(z.object({ chatId: id, quickReplyId: id }))
    .mutation(({ ctx, input }) => sendQuickReply(ctx.db, { viewer: ctx.user, now: ctx.now() }, input.chatId, input.quickReplyId)),
});

export const templatesRouter = router({
  list: protectedProcedure.input(z.object({ channelId: id.optional() })).query(({ ctx, input }) => templates.list(ctx.db, input.channelId)),
  create: adminProcedure
    .input(z.object({ channelId: id, name: z.string().max(512), language: z.string().max(16), body: z.string().max(5000) }))
    .mutation(({ ctx, input }) => templates.create(ctx.db, input, actor(ctx))),
  delete: adminProcedure.input(z.object({ id })).mutation(({ ctx, input }) => templates.remove(ctx.db, input.id, actor(ctx))),
});

export const auditRouter = router({
  list: adminProcedure
    .input(
      z.object({
        actor: z.union([id, z.literal("system")]).optional(),
        action: z.string().max(64).optional(),
        from: z.number().int().nonnegative().optional(),
        to: z.number().int().nonnegative().optional(),
        before: z.object({ at: z.number().int(), id }).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => auditPage(ctx.db, ctx.user, input)),
});
