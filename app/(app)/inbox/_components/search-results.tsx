import type { Translate } from "@/server/i18n/locale";
import { inboxHref, type InboxState } from "../url";

export function SearchResults(props: {
  state: InboxState;
  results: { contacts: { contactId: number; name: string; phone: string | null; handle: string | null; chatId: number | null }[]; messages: { messageId: number; chatId: number; contactName: string; snippet: string }[] };
  t: Translate;
}) {
  const { state, results, t } = props;
  const link = (chatId: number) => inboxHref({ section: "all", status: "open", q: state.q }, { chat: chatId });
  if (!results.contacts.length && !results.messages.length) return <p className="p-4 text-sm text-slate-500">{t("inbox.search.none")}</p>;
  return (
    <div className="divide-y divide-slate-100 text-sm" data-testid="search-results">
      <h2 className="px-3 pt-3 text-xs font-semibold uppercase text-slate-500">{t("inbox.search.contacts")}</h2>
      <ul>
        {results.contacts.map((c) => (
          <li key={c.contactId} className="px-3 py-2">
            <a href={c.chatId ? link(c.chatId) : `/contacts/${c.contactId}`} className="font-medium text-brand-700 underline">{c.name}</a>
            <span className="ml-2 text-slate-500">{c.phone ?? c.handle ?? ""}</span>
          </li>
        ))}
      </ul>
      <h2 className="px-3 pt-3 text-xs font-semibold uppercase text-slate-500">{t("inbox.search.messages")}</h2>
      <ul>
        {results.messages.map((m) => (
          <li key={m.messageId} className="px-3 py-2">
            <a href={link(m.chatId)} data-chat-link className="block hover:bg-slate-50">
              <span className="font-medium">{m.contactName}</span>
              <span className="block truncate text-slate-600">{m.snippet}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
