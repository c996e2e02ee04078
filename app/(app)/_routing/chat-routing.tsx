import { getDb } from "@/db/client";
import { offerTimeLeft, TIME_LEFT_MARK } from "@/server/domain/routing";
import type { Viewer } from "@/server/domain/types";
import type { Translate } from "@/server/i18n/locale";
import { chatRoutingView } from "@/server/services/routing/overview";
import { acceptOfferAction, assignTeamAction, declineOfferAction } from "./actions";
import { OfferCountdown } from "./offer-countdown";

/**
 * Under the chat's header (issue 13): its team; a pending offer ("offered to you (0:42 left)" with Accept and
 * Let it pass, or whom it is offered to); and Assign → a team's queue. Plain forms: no JavaScript needed.
 */
export function ChatRouting({ chat, viewer, returnTo, now, t }: { chat: { id: number; teamId: number | null; assigneeId: number | null; status: string }; viewer: Viewer; returnTo: string; now: number; t: Translate }) {
  const { team, offer, teams } = chatRoutingView(getDb(), chat);
  const hidden = (
    <>
      <input type="hidden" name="chatId" value={chat.id} />
      <input type="hidden" name="returnTo" value={returnTo} />
    </>
  );
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-4 py-1 text-sm" data-testid="chat-routing">
      {team && <span data-testid="chat-team" className="text-slate-700">{t("routing.team", { name: team.name })}</span>}
      {offer && offer.userId === viewer.id && (
        <span role="status" className="flex items-center gap-2 rounded bg-amber-50 px-2 py-0.5 text-amber-900" data-testid="offer-mine">
          <OfferCountdown text={t("routing.offeredToYou", { left: TIME_LEFT_MARK })} until={offer.expiresAt} initial={t("routing.offeredToYou", { left: offerTimeLeft(offer.expiresAt, now) })} />
          <form action={acceptOfferAction}>
            {hidden}
            <button type="submit" className="rounded bg-brand-700 px-2 py-0.5 font-medium text-white">{t("routing.accept")}</button>
          </form>
          <form action={declineOfferAction}>
            {hidden}
            <button type="submit" className="underline">{t("routing.decline")}</button>
          </form>
        </span>
      )}
      {offer && offer.userId !== viewer.id && (
        <span data-testid="offer-other" className="text-amber-900">
          <OfferCountdown text={t("routing.offeredTo", { name: offer.name, left: TIME_LEFT_MARK })} until={offer.expiresAt} initial={t("routing.offeredTo", { name: offer.name, left: offerTimeLeft(offer.expiresAt, now) })} />
        </span>
      )}
      {chat.status !== "closed" && teams.length > 0 && (
        <form action={assignTeamAction} className="ml-auto flex items-center gap-1">
          {hidden}
          <label htmlFor={`assign-team-${chat.id}`} className="text-slate-600">{t("routing.assignTeam")}</label>
          <select id={`assign-team-${chat.id}`} name="teamId" defaultValue={chat.teamId ?? undefined} className="rounded border border-slate-300 bg-white px-1 py-0.5">
            {teams.map((tm) => (
              <option key={tm.id} value={tm.id}>{tm.name}</option>
            ))}
          </select>
          <button type="submit" className="rounded px-2 py-0.5 ring-1 ring-slate-300 hover:bg-slate-100">{t("routing.assignTeam.submit")}</button>
        </form>
      )}
    </div>
  );
}
