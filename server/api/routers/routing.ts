import { z } from "zod";
import { AVAILABILITIES, DISTRIBUTION_MODES } from "@/server/domain/routing";
import { assignChatToTeam } from "@/server/services/routing/assign-team";
import { acceptOffer, declineOffer } from "@/server/services/routing/offers";
import { myRouting, teamsOverview } from "@/server/services/routing/overview";
import { setAvailability } from "@/server/services/routing/presence";
import {
  addTeamMember,
  createTeam,
  deleteTeam,
  makeDefaultTeam,
  removeTeamMember,
  setAgentCapacity,
  setChannelDefaultTeam,
  setTeamHours,
  updateTeamSettings,
} from "@/server/services/routing/teams";
import { adminProcedure, protectedProcedure, router } from "../trpc";

// Teams, distribution, availability and opening hours (issue 13). The domain checks the values (capacity,
// offer time, intervals, zones); zod only bounds the shapes and sizes.

const id = z.number().int().positive();
const clock = z.string().max(5);
const schedule = z.object({
  timeZone: z.string().max(64),
  days: z.array(z.array(z.object({ start: clock, end: clock })).max(8)).length(7),
  holidays: z.array(z.string().max(10)).max(400),
});
const settings = {
  name: z.string().max(200).optional(),
  mode: z.enum(DISTRIBUTION_MODES).optional(),
  capacity: z.number().int().optional(),
  offerSeconds: z.number().int().optional(),
  awayMessage: z.string().max(10_000).nullable().optional(),
  greeting: z.string().max(10_000).nullable().optional(),
};

export const routingRouter = router({
  /** Administrators: every team; agents: their own (the queue view). */
  teams: protectedProcedure.query(({ ctx }) => teamsOverview(ctx.db, ctx.user, ctx.now())),
  /** The header: my availability, load and teams. */
  me: protectedProcedure.query(({ ctx }) => myRouting(ctx.db, ctx.user.id, ctx.now())),
  setAvailability: protectedProcedure
    .input(z.object({ availability: z.enum(AVAILABILITIES) }))
    .mutation(({ ctx, input }) => setAvailability(ctx.db, ctx.user.id, input.availability, ctx.now())),
  acceptOffer: protectedProcedure.input(z.object({ chatId: id })).mutation(({ ctx, input }) => acceptOffer(ctx.db, ctx.user, input.chatId, ctx.now())),
  declineOffer: protectedProcedure.input(z.object({ chatId: id })).mutation(({ ctx, input }) => declineOffer(ctx.db, ctx.user, input.chatId, ctx.now())),
  /** Assign → a team: back to its queue (a transfer when someone holds the chat). */
  assignToTeam: protectedProcedure
    .input(z.object({ chatId: id, teamId: id }))
    .mutation(({ ctx, input }) => assignChatToTeam(ctx.db, { viewer: ctx.user, now: ctx.now() }, input.chatId, input.teamId)),
  createTeam: adminProcedure
    .input(z.object({ ...settings, name: z.string().max(200) }))
    .mutation(({ ctx, input }) => createTeam(ctx.db, input, { actorId: ctx.user.id, now: ctx.now() })),
  updateTeam: adminProcedure
    .input(z.object({ id, ...settings }))
    .mutation(({ ctx, input: { id: teamId, ...change } }) => updateTeamSettings(ctx.db, teamId, change, { actorId: ctx.user.id, now: ctx.now() })),
  setHours: adminProcedure
    .input(z.object({ teamId: id, schedule: schedule.nullable() }))
    .mutation(({ ctx, input }) => setTeamHours(ctx.db, input.teamId, input.schedule, { actorId: ctx.user.id, now: ctx.now() })),
  addMember: adminProcedure
    .input(z.object({ teamId: id, userId: id }))
    .mutation(({ ctx, input }) => addTeamMember(ctx.db, input.teamId, input.userId, { actorId: ctx.user.id, now: ctx.now() })),
  removeMember: adminProcedure
    .input(z.object({ teamId: id, userId: id }))
    .mutation(({ ctx, input }) => removeTeamMember(ctx.db, input.teamId, input.userId, { actorId: ctx.user.id, now: ctx.now() })),
  deleteTeam: adminProcedure.input(z.object({ teamId: id })).mutation(({ ctx, input }) => deleteTeam(ctx.db, input.teamId, { actorId: ctx.user.id, now: ctx.now() })),
  makeDefault: adminProcedure.input(z.object({ teamId: id })).mutation(({ ctx, input }) => makeDefaultTeam(ctx.db, input.teamId, { actorId: ctx.user.id, now: ctx.now() })),
  setChannelTeam: adminProcedure
    .input(z.object({ channelId: id, teamId: id.nullable() }))
    .mutation(({ ctx, input }) => setChannelDefaultTeam(ctx.db, input.channelId, input.teamId, { actorId: ctx.user.id, now: ctx.now() })),
  setCapacity: adminProcedure
    .input(z.object({ userId: id, capacity: z.number().int().nullable() }))
    .mutation(({ ctx, input }) => setAgentCapacity(ctx.db, input.userId, input.capacity, { actorId: ctx.user.id, now: ctx.now() })),
});
