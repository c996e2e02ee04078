import { z } from "zod";
import { SECTIONS } from "@/server/domain";
import { listSection, search, sectionCounts } from "@/server/services/inbox";
import { mentionsOf } from "@/server/services/mentions";
import { poll } from "@/server/services/poll";
import { currentSeq, liveDelta } from "@/server/services/live-delta";
import { noteSeen } from "@/server/services/routing/presence";
import { deltaInput } from "./inbox-delta.schema";
import { protectedProcedure, router } from "../trpc";

export const inboxRouter = router({
  counts: protectedProcedure.query(({ ctx }) => sectionCounts(ctx.db, ctx.user)),
  /** Counters with the data version the browser's poller starts from. */
  poll: protectedProcedure
    .input(z.object({ version: z.string().max(80).nullish() }))
    .query(({ ctx, input }) => poll(ctx.db, ctx.user, input.version ?? null)),
  /** The change sequence number a page render starts from (read before anything else it shows). */
  seq: protectedProcedure.query(({ ctx }) => currentSeq(ctx.db)),
  /** What changed on the viewer's screen since the change they last applied (live updates). */
  delta: protectedProcedure
    .input(deltaInput)
    .query(({ ctx, input }) => {
      const answer = liveDelta(ctx.db, { ...ctx.user, locale: input.locale }, input, ctx.now());
      // The poll is the agent's heartbeat for availability (written at most once a minute).
      noteSeen(ctx.db, ctx.user.id, ctx.now());
      return answer;
    }),
  list: protectedProcedure
    .input(
      z.object({
        section: z.enum(SECTIONS),
        status: z.enum(["open", "scheduled", "closed"]),
        pendingOnly: z.boolean().optional(),
        order: z.enum(["asc", "desc"]).optional(),
        cursor: z.string().max(40).nullish(),
        limit: z.number().int().min(1).max(200).optional(),
        /** Only this team's chats (issue 13). */
        teamId: z.number().int().positive().nullish(),
      }),
    )
    .query(({ ctx, input }) => listSection(ctx.db, ctx.user, input)),
  /** The chats whose private notes name the viewer, newest mention first. */
  mentions: protectedProcedure.query(({ ctx }) => mentionsOf(ctx.db, ctx.user)),
  search: protectedProcedure
    .input(z.object({ text: z.string().min(1).max(200) }))
    .query(({ ctx, input }) => search(ctx.db, ctx.user, input.text)),
});
