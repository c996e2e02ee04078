import type { Locale, Translate } from "@/server/i18n/locale";
import type { ShownAttachment, ShownMessage } from "@/server/services/shown-message";
import { formatDateTime, formatMoney, formatTime } from "@/server/i18n/format";
import { LinkifiedText } from "./linkified-text";
import { NoteItem } from "./note-item";

export interface MessageContext {
  locale: Locale;
  timeZone: string;
  t: Translate;
  userName: (id: number | null | undefined) => string;
  reasonLabel: (id: number | null | undefined) => string;
}

type Payload = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown) => (typeof v === "number" ? v : Number(v));

function SystemLine({ message, ctx }: { message: ShownMessage; ctx: MessageContext }) {
  const p = (message.payload ?? {}) as Payload;
  const { t } = ctx;
  let text: string;
  switch (p.type) {
    case "assigned":
      // An automatic assignment names the rule that chose (issue 13).
      text = typeof p.rule === "string" && ["round_robin", "balanced", "offer"].includes(p.rule)
        ? t("system.assigned.rule", { to: ctx.userName(num(p.to)), rule: t(`system.rule.${p.rule as "balanced"}`) })
        : t("system.assigned", { to: ctx.userName(num(p.to)) });
      break;
    case "queued":
      text = t("system.queued", { team: str(p.teamName) });
      break;
    case "transferred":
      text = t("system.transferred", { from: ctx.userName(num(p.from)), to: ctx.userName(num(p.to)) });
      break;
    case "closed":
      text = t("system.closed", { reason: ctx.reasonLabel(num((p.reason as Payload | undefined)?.id)) });
      break;
    case "scheduled":
      text = t("system.scheduled", { at: formatDateTime(num(p.at), ctx.locale, ctx.timeZone) });
      break;
    case "unscheduled":
      text = t(p.cause === "inbound" ? "system.unscheduled.inbound" : "system.unscheduled.cancelled");
      break;
    default:
      text = t("system.reminder_due");
  }
  return (
    <li data-testid="system-event" className="my-2 text-center text-xs text-slate-600">
      <span className="rounded-full bg-slate-100 px-3 py-1">
        {text} · {formatTime(message.createdAt, ctx.locale, ctx.timeZone)}
      </span>
    </li>
  );
}

function formatBytes(size: number | null): string {
  if (!size) return "";
  return size > 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(size / 1024)} KB`;
}

function Attachment({ a, kind, t }: { a: ShownAttachment; kind: string; t: Translate }) {
  if (a.status === "pending") return <p className="text-sm italic text-slate-500">{t("msg.attachmentPending")}</p>;
  if (a.status === "failed") return <p className="text-sm italic text-red-700">{t("msg.attachmentFailed")}</p>;
  const href = `/api/media/${a.id}`;
  if (kind === "image") {
    return (
      <a href={href} target="_blank" rel="noopener noreferrer">
        <img src={href} alt={a.fileName ?? t("msg.image")} className="max-h-64 rounded" loading="lazy" />
      </a>
    );
  }
  if (kind === "audio") return <audio controls preload="none" src={href} className="max-w-full" />;
  if (kind === "video") return <video controls preload="none" src={href} className="max-h-64 max-w-full rounded" />;
  return (
    <a href={href} className="flex items-center gap-2 rounded border border-slate-200 bg-white px-3 py-2 text-sm">
      <span aria-hidden="true">📎</span>
      <span className="truncate">{a.fileName ?? a.mimeType ?? "file"}</span>
      <span className="text-slate-500">{formatBytes(a.size)}</span>
      <span className="ml-auto text-brand-700 underline">{t("msg.download")}</span>
    </a>
  );
}

/** A message that offered choices (a bot menu, a survey): the text, then what the contact could tap. */
function WithChoices({ body, choices }: { body: string | null; choices: Payload[] }) {
  return (
    <div className="space-y-2">
      {body && <LinkifiedText text={body} />}
      <ul className="flex flex-wrap gap-1" data-testid="message-choices">
        {choices.map((c, i) => (
          <li key={i} className="rounded-full border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-800">{str(c.title)}</li>
        ))}
      </ul>
    </div>
  );
}

function Body({ message, attachments, t, locale }: { message: ShownMessage; attachments: ShownAttachment[]; t: Translate; locale: Locale }) {
  const p = (message.payload ?? {}) as Payload;
  switch (message.kind) {
    case "location": {
      const lat = num(p.latitude);
      const lon = num(p.longitude);
      return (
        <div className="text-sm">
          <p className="font-medium">📍 {str(p.name) || t("msg.location")}</p>
          {str(p.address) && <p>{str(p.address)}</p>}
          <p className="text-slate-600">{lat.toFixed(5)}, {lon.toFixed(5)}</p>
          <a className="text-brand-700 underline" target="_blank" rel="noopener noreferrer" href={`https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`}>
            {t("msg.openMap")}
          </a>
        </div>
      );
    }
    case "payment_link": {
      const url = str(p.url);
      return (
        <div className="rounded border border-slate-200 bg-white p-3 text-sm">
          <p className="font-medium">💳 {t("msg.payment")}</p>
          <p className="text-lg font-semibold">{formatMoney(num(p.amount), str(p.currency) || "USD", locale)}</p>
          <p>{str(p.description)}</p>
          {/^https:\/\//.test(url) && <a className="text-brand-700 underline break-all" target="_blank" rel="noopener noreferrer" href={url}>{t("msg.pay")}</a>}
        </div>
      );
    }
    case "call":
      return <p className="text-sm">📞 {t("msg.call")}</p>;
    case "template":
      return (
        <div className="text-sm">
          <p className="text-xs font-medium text-slate-500">📝 {t("msg.template", { name: str(p.name) })}</p>
          <LinkifiedText text={message.body ?? ""} />
        </div>
      );
    case "contacts": {
      const list = Array.isArray(p.contacts) ? (p.contacts as Payload[]) : [];
      return (
        <div className="text-sm">
          <p className="font-medium">👤 {t("msg.contacts")}</p>
          {list.map((c, i) => (
            <p key={i}>{str((c.name as Payload | undefined)?.formatted_name) || str(c.name) || JSON.stringify(c).slice(0, 80)}</p>
          ))}
        </div>
      );
    }
    case "reaction":
      return <p className="text-sm">{t("msg.reaction", { emoji: str(p.emoji) })}</p>;
    case "unsupported":
      return <p className="text-sm italic text-slate-500">{t("msg.unsupported")}</p>;
    default:
      if (Array.isArray(p.choices) && p.choices.length > 0) return <WithChoices body={message.body} choices={p.choices as Payload[]} />;
      if (!attachments.length) return message.body ? <LinkifiedText text={message.body} /> : null;
      return (
        <div className="space-y-1">
          {attachments.map((a) => <Attachment key={a.id} a={a} kind={message.kind} t={t} />)}
          {message.body && <LinkifiedText text={message.body} />}
        </div>
      );
  }
}

export function MessageItem(props: {
  message: ShownMessage;
  attachments: ShownAttachment[];
  ctx: MessageContext;
  footer?: React.ReactNode;
}) {
  const { message, attachments, ctx, footer } = props;
  const { t } = ctx;
  if (message.kind === "system") return <SystemLine message={message} ctx={ctx} />;
  if (message.kind === "note") return <NoteItem message={message} ctx={ctx} footer={footer} />;
  const outbound = message.direction === "out";
  const author = message.authorKind === "contact" ? t("msg.fromContact") : message.authorKind === "bot" ? t("msg.fromBot") : message.authorKind === "system" ? t("msg.fromSystem") : ctx.userName(message.authorId);
  return (
    <li data-testid="message" data-kind={message.kind} data-direction={message.direction} className={outbound ? "msg msg-out" : "msg"}>
      {message.deletedAt ? <p className="text-sm italic text-slate-500">{t("msg.deleted")}</p> : <Body message={message} attachments={attachments} t={t} locale={ctx.locale} />}
      <p className="msg-meta">
        {outbound ? author : null}
        <time dateTime={new Date(message.createdAt).toISOString()}>{formatTime(message.createdAt, ctx.locale, ctx.timeZone)}</time>
        {outbound && message.status && (
          <span data-testid="delivery-status" data-status={message.status} className={message.status === "failed" ? "font-semibold text-red-700" : undefined}>
            {t(`msg.status.${message.status}`)}
          </span>
        )}
      </p>
      {message.status === "failed" && message.statusReason && <p className="text-xs text-red-700">{message.statusReason}</p>}
      {footer}
    </li>
  );
}
