import { z } from "zod";
import { roles } from "@/server/domain/user-rules";
import { allUsers, createUser, setPassword, updateUserAccess } from "@/server/services/users";
import { adminProcedure, protectedProcedure, router } from "../trpc";

export const usersRouter = router({
  /** Everyone sees the team (to assign and transfer); only names, roles and whether active. */
  team: protectedProcedure.query(({ ctx }) =>
    allUsers(ctx.db).map(({ id, name, role, active }) => ({ id, name, role, active })),
  ),
  list: adminProcedure.query(({ ctx }) => allUsers(ctx.db)),
  create: adminProcedure
    .input(z.object({ email: z.string().max(254), name: z.string().max(100), role: z.enum(roles), password: z.string().max(200) }))
    .mutation(({ ctx, input }) => createUser(ctx.db, input, { actorId: ctx.user.id, now: ctx.now() })),
  update: adminProcedure
    .input(
      z.object({
        id: z.number().int().positive(),
        role: z.enum(roles).optional(),
        active: z.boolean().optional(),
        name: z.string().max(100).optional(),
      }),
    )
    .mutation(({ ctx, input: { id, ...change } }) => updateUserAccess(ctx.db, id, change, { actorId: ctx.user.id, now: ctx.now() })),
  setPassword: adminProcedure
    .input(z.object({ id: z.number().int().positive(), password: z.string().max(200) }))
    .mutation(({ ctx, input }) => setPassword(ctx.db, input.id, input.password, { actorId: ctx.user.id, now: ctx.now() })),
});
