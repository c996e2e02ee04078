"use server";

import { z } from "zod";
import { AVAILABILITIES } from "@/server/domain/routing";
import { safeReturnTo } from "@/app/_lib/form-redirect";
import { performForm } from "../inbox/perform";

// Routing's forms in the header and the inbox (issue 13), each one tRPC call like the inbox's own: the
// agent's availability, accepting or letting pass an offer, Assign → a team's queue. They work without JavaScript.

const int = z.coerce.number().int().positive();

export async function setAvailabilityAction(formData: FormData): Promise<void> {
  const availability = z.enum(AVAILABILITIES).catch("available").parse(formData.get("availability"));
  await performForm(formData, (api) => api.routing.setAvailability({ availability }));
}

export async function acceptOfferAction(formData: FormData): Promise<void> {
  await performForm(formData, (api) => api.routing.acceptOffer({ chatId: int.parse(formData.get("chatId")) }));
}

export async function declineOfferAction(formData: FormData): Promise<void> {
  await performForm(formData, (api) => api.routing.declineOffer({ chatId: int.parse(formData.get("chatId")) }), {
    after: (_result, back) => withoutChat(back),
  });
}

export async function assignTeamAction(formData: FormData): Promise<void> {
  await performForm(
    formData,
    (api) => api.routing.assignToTeam({ chatId: int.parse(formData.get("chatId")), teamId: int.parse(formData.get("teamId")) }),
    // A chat sent from someone's hands to a queue is a new chat: back to the list it was opened from.
    { after: (result, back) => ((result as { type: string }).type === "transfer" ? withoutChat(back) : undefined) },
  );
}

function withoutChat(back: string): string {
  const url = new URL(safeReturnTo(back, "/inbox"), "http://charla.invalid");
  url.searchParams.delete("chat");
  url.searchParams.delete("messages");
  return `${url.pathname}${url.search}`;
}
