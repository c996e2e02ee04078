import { z } from "zod";
import { SECTIONS } from "@/server/domain";
import { locales } from "@/server/i18n/locale";

/** What an open inbox tab polls with: the change it last applied and what it shows (server/services/live-delta.ts). */
export const deltaInput = z.object({
  since: z.number().int().min(0),
  locale: z.enum(locales),
  list: z
    .object({
      section: z.enum(SECTIONS),
      status: z.enum(["open", "scheduled", "closed"]),
      pendingOnly: z.boolean().optional(),
      order: z.enum(["asc", "desc"]).optional(),
      cursor: z.string().max(40).nullish(),
      /** The team filter (issue 13). */
      teamId: z.number().int().positive().nullish(),
      full: z.boolean().optional(),
    })
    .optional(),
  chat: z.object({ id: z.number().int().positive(), windowOpen: z.boolean() }).optional(),
  counts: z.string().max(400).optional(),
});

export type DeltaInput = z.infer<typeof deltaInput>;
