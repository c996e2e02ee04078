import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { serverApi } from "@/server/api/caller";
import { requireUser } from "@/server/auth/session";
import { requestLocale } from "@/server/i18n/request";
import { formatDateTime } from "@/server/i18n/format";
import { inboxHref } from "../../inbox/url";
import { MessageItem, type MessageContext } from "../../inbox/_components/message-item";
import { eraseContactAction } from "../../admin/erasure-actions";
import { ContactForm } from "./contact-form";
import { withCarriedOutcome } from "@/app/_lib/redirect-after-form";

export default async function ContactPage({ params, searchParams }: { params: Promise<{ contactId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const { locale, t } = await requestLocale(user.locale);
  const contactId = Number((await params).contactId);
  if (!Number.isInteger(contactId) || contactId <= 0) notFound();
  const api = await serverApi();
  const data = await api.chats.contact({ contactId }).catch((err: unknown) => {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const [team, reasons] = await Promise.all([api.users.team(), api.closeReasons.list()]);
  const outcome = await withCarriedOutcome(await searchParams);
  const names = new Map(team.map((u) => [u.id, u.name]));
  const reasonNames = new Map(reasons.map((r) => [r.id, r.label]));
  const ctx: MessageContext = {
    locale,
    timeZone: user.timeZone,
    t,
    userName: (id) => (id ? names.get(id) ?? `#${id}` : t("system.someone")),
    reasonLabel: (id) => (id ? reasonNames.get(id) ?? "" : ""),
  };
  return (
    <div className="mx-auto h-full max-w-3xl overflow-y-auto p-4">
      <h1 className="mb-4 text-xl font-semibold">{t("contact.title", { name: data.contact.name })}</h1>
      {typeof outcome.error === "string" && <p role="alert" data-testid="flash-error" className="mb-4 rounded bg-red-50 px-3 py-2 text-sm text-red-800">{outcome.error}</p>}
      {outcome.ok === "contact" && <p role="status" data-testid="flash-ok" className="mb-4 rounded bg-green-50 px-3 py-2 text-sm text-green-800">{t("contact.saved")}</p>}
      {data.chats.length > 0 && <ContactForm contact={data.contact} t={t} />}
      {!data.chats.length && <p className="text-slate-500">{t("contact.noChats")}</p>}
      {user.role === "admin" && (
        <details className="mb-6 rounded-lg border border-red-200 bg-red-50 p-3 text-sm">
          <summary className="cursor-pointer font-medium text-red-800">{t("contact.erase")}</summary>
          <p className="mt-2 text-red-900">{t("contact.eraseExplain")}</p>
          <form action={eraseContactAction} className="mt-2 flex flex-wrap items-center gap-3" data-testid="erase-contact-form">
            <input type="hidden" name="contactId" value={contactId} />
            <input type="hidden" name="returnTo" value={`/contacts/${contactId}`} />
            <label className="flex items-center gap-2">
              <input type="checkbox" name="confirm" value="on" required />
              {t("contact.eraseConfirm")}
            </label>
            <button type="submit" className="rounded bg-red-700 px-3 py-1 text-white">{t("contact.erase")}</button>
          </form>
        </details>
      )}
      {data.chats.map(({ chat, messages }) => (
        <section key={chat.id} className="mb-6 rounded-lg border border-slate-200 bg-white" data-testid="contact-chat">
          <header className="flex items-center gap-3 border-b border-slate-200 px-4 py-2 text-sm">
            <h2 className="font-medium">{t("contact.chat", { id: chat.id })}</h2>
            <span>{formatDateTime(chat.openedAt, locale, user.timeZone)}</span>
            <span className="rounded bg-slate-100 px-2 text-xs">{t(`chatStatus.${chat.status}`)}</span>
            <Link className="ml-auto text-brand-700 underline" href={inboxHref({ section: "all", status: chat.status }, { chat: chat.id })}>{t("contact.openInInbox")}</Link>
          </header>
          <ol className="bg-slate-50 px-4 py-2">
            {messages.map((m) => <MessageItem key={m.id} message={m} attachments={[]} ctx={ctx} />)}
          </ol>
        </section>
      ))}
    </div>
  );
}
