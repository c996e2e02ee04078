import type { ShownMessage } from "@/server/services/shown-message";
import { formatTime } from "@/server/i18n/format";
import { LinkifiedText } from "./linkified-text";
import type { MessageContext } from "./message-item";

/** A private note in the conversation: set apart (amber, labelled) so nobody takes it for a reply the contact saw. */
export function NoteItem({ message, ctx, footer }: { message: ShownMessage; ctx: MessageContext; footer?: React.ReactNode }) {
  const { t } = ctx;
  const mentioned = ((message.payload ?? {}) as { mentions?: unknown }).mentions;
  const names = Array.isArray(mentioned) ? mentioned.filter((id): id is number => typeof id === "number").map((id) => ctx.userName(id)) : [];
  return (
    <li data-testid="message" data-kind="note" data-direction={message.direction} className="my-2 ml-auto w-fit max-w-[80%] rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950 shadow-sm">
      <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-amber-900">
        <span aria-hidden="true">🔒 </span>
        {t("msg.note")}
      </p>
      {message.deletedAt ? <p className="text-sm italic">{t("msg.deleted")}</p> : <LinkifiedText text={message.body ?? ""} />}
      {names.length > 0 && !message.deletedAt && <p className="mt-1 text-xs text-amber-900" data-testid="note-mentions">{t("msg.noteMentions", { names: names.join(", ") })}</p>}
      <p className="mt-1 flex items-center justify-end gap-2 text-[11px] text-amber-900">
        {ctx.userName(message.authorId)}
        <time dateTime={new Date(message.createdAt).toISOString()}>{formatTime(message.createdAt, ctx.locale, ctx.timeZone)}</time>
      </p>
      {footer}
    </li>
  );
}
