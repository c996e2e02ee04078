import { getDb } from "@/db/client";
import type { Viewer } from "@/server/domain/types";
import type { Locale, Translate } from "@/server/i18n/locale";
import { queueLinks } from "@/server/services/routing/overview";
import { inboxHref, type InboxState } from "../inbox/url";
import { COUNT_MARK, TIME_MARK } from "./live-marks";
import { LiveQueue } from "./live-queue";

/**
 * The queue view (issue 13): each of the viewer's teams (every team for administrators) with how many chats
 * wait unassigned and how long the oldest has waited, whether it is open now; each links to that queue
 * (Unassigned filtered by the team). Plain links: it works without JavaScript. The figures are live counters
 * (LiveQueue): rendered here from the same read as the page's live state.
 */
export function TeamQueues({ state, viewer, now, locale, t }: { state: InboxState; viewer: Viewer; now: number; locale: Locale; t: Translate }) {
  const teams = queueLinks(getDb(), viewer, now);
  if (teams.length === 0) return null;
  return (
    <nav aria-labelledby="team-queues-title" className="border-t border-slate-100 p-2 text-sm" data-testid="team-queues">
      <h2 id="team-queues-title" className="px-2 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">{t("routing.queues")}</h2>
      <ul>
        {teams.map((team) => (
          <li key={team.id}>
            <a
              href={inboxHref({ section: "unassigned", status: "open" }, { team: team.id })}
              aria-current={state.team === team.id ? "page" : undefined}
              className={`block rounded-md px-2 py-1 ${state.team === team.id ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
              data-testid={`queue-${team.id}`}
            >
              <LiveQueue
                teamId={team.id}
                row={t("routing.queue.row", { name: team.name, count: COUNT_MARK })}
                state={team.openNow ? t("routing.queue.open") : t("routing.queue.closed")}
                oldest={t("routing.queue.oldest", { time: TIME_MARK })}
                locale={locale}
                serverNow={now}
              />
            </a>
          </li>
        ))}
        {state.team !== undefined && (
          <li>
            <a href={inboxHref(state, { team: undefined, cursor: undefined })} className="block px-2 py-1 text-brand-700 underline">{t("routing.filter.all")}</a>
          </li>
        )}
      </ul>
    </nav>
  );
}
