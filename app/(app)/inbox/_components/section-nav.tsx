import type { Translate } from "@/server/i18n/locale";
import { LiveCount } from "../_live/live-counts";
import { inboxHref, type InboxState } from "../url";

type Section = InboxState["section"];

export function SectionNav(props: {
  state: InboxState;
  sections: Section[];
  t: Translate;
}) {
  const { state, sections, t } = props;
  return (
    <nav aria-label={t("inbox.sections")} className="flex gap-1 overflow-x-auto p-2 md:flex-col md:overflow-visible">
      {sections.map((section) => {
        const active = section === state.section;
        return (
          <a
            key={section}
            href={inboxHref({ section, status: state.status, order: state.order, pending: state.pending })}
            aria-current={active ? "page" : undefined}
            data-testid={`section-${section}`}
            className={`flex shrink-0 items-center justify-between gap-3 rounded-md px-3 py-2 text-sm ${active ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
          >
            <span>{t(`section.${section}`)}</span>
            <LiveCount section={section} label={t("inbox.pending")} />
          </a>
        );
      })}
    </nav>
  );
}

export function StatusTabs({ state, t }: { state: InboxState; t: Translate }) {
  const statuses = ["open", "scheduled", "closed"] as const;
  return (
    <div className="space-y-2 border-b border-slate-200 p-2">
      <nav aria-label={t("inbox.statusTabs")} className="flex gap-1">
        {statuses.map((status) => (
          <a
            key={status}
            href={inboxHref({ section: state.section, status, order: state.order, pending: status === "open" ? state.pending : undefined })}
            aria-current={status === state.status ? "page" : undefined}
            className={`flex-1 rounded-md px-2 py-1 text-center text-sm ${status === state.status ? "bg-slate-800 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
          >
            {t(`status.${status}`)}
          </a>
        ))}
      </nav>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {state.status === "open" && (
          <a
            href={inboxHref(state, { pending: state.pending ? undefined : "1", cursor: undefined, chat: state.chat })}
            aria-pressed={Boolean(state.pending)}
            role="button"
            data-testid="pending-toggle"
            className={`rounded-full border px-3 py-0.5 ${state.pending ? "border-amber-500 bg-amber-50 text-amber-800" : "border-slate-300 text-slate-700"}`}
          >
            {t("inbox.pendingOnly")}
          </a>
        )}
        <span className="ml-auto text-slate-500">{t("inbox.order.label")}:</span>
        {(["asc", "desc"] as const).map((order) => {
          const current = state.order ?? (state.status === "closed" ? "desc" : "asc");
          return (
            <a
              key={order}
              href={inboxHref(state, { order, cursor: undefined })}
              aria-current={current === order ? "true" : undefined}
              className={current === order ? "font-semibold text-brand-700 underline" : "text-slate-600 hover:underline"}
            >
              {t(`inbox.order.${order}`)}
            </a>
          );
        })}
      </div>
    </div>
  );
}
