import { z } from "zod";
import { updateContactDetails } from "@/server/services/contacts";
import { protectedProcedure, router } from "../trpc";

export const contactsRouter = router({
  /** Agents correct a contact's name, e-mail, phone and notes; the service checks them and audits the change. */
  update: protectedProcedure
    .input(
      z.object({
        contactId: z.number().int().positive(),
        name: z.string().max(1000),
        email: z.string().max(1000).nullish(),
        phone: z.string().max(1000).nullish(),
        notes: z.string().max(20_000).nullish(),
      }),
    )
    .mutation(({ ctx, input: { contactId, ...details } }) => updateContactDetails(ctx.db, ctx.user, contactId, details, ctx.now())),
});
