import type { Locale, Translate } from "@/server/i18n/locale";
import { DURATION_MARK, formatDateTime, formatDuration } from "@/server/i18n/format";
import { formatRowTime } from "@/server/i18n/row-time";
import { previewParts } from "@/server/domain/message-preview";
import type { InboxRow } from "@/server/repositories/inbox";
import { offerTimeLeft, TIME_LEFT_MARK } from "@/server/domain/routing";

/**
 * One chat row as the list shows it, every text already translated and formatted for the viewer. The page
 * renders these and the live updates send them, so a patched list and a fresh render hold the same rows.
 */
export interface ChatRowItem {
  id: number;
  name: string;
  channel: string;
  preview: string;
  meta: string;
  pending: boolean;
  due: boolean;
  menuLabel: string;
  /** When the chat last moved ("14:32", "ayer", "lun", a short date) and the moment itself (ISO) for <time>. */
  time: string;
  at: string;
  /** The contact's messages its assignee has not opened yet (0 when unassigned or closed): the row is bold. */
  unread: number;
  /** A note names the viewer and they have not opened the chat since. */
  mentioned: boolean;
  /** The bot holds the chat (issue 14): nobody needs to answer it yet. */
  withBot: boolean;
  /**
   * A pending offer (issue 13): `meta` with TIME_LEFT_MARK where the time left goes, and the deadline, so the
   * browser counts down without asking the server every second. Null when nothing is offered.
   */
  countdown: { text: string; until: number } | null;
  /**
   * An open chat waiting for our reply: since when, `meta` as it reads in its first minute (`fresh`) and with
   * DURATION_MARK where the wait goes (`text`), so the browser ages the wait between updates. Null otherwise,
   * and for an offered row (its countdown replaces the row each second anyway).
   */
  aging: { since: number; fresh: string; text: string; locale: Locale } | null;
}

function offerDeadline(row: InboxRow): number | null {
  return row.offeredToName !== null && row.offerExpiresAt !== null && row.assigneeId === null ? row.offerExpiresAt : null;
}

function rowMeta(row: InboxRow, now: number, locale: Locale, timeZone: string, t: Translate, left?: string, waited?: string): string {
  // Teams (issue 13): the chat's team, and a pending offer in place of "unassigned".
  const until = offerDeadline(row);
  const offer = until !== null ? t("routing.offeredTo", { name: row.offeredToName!, left: left ?? offerTimeLeft(until, now) }) : null;
  const who = [row.teamName, offer ?? row.assigneeName ?? t("inbox.row.unassigned")].filter(Boolean).join(" · ");
  if (row.status === "open" && row.awaitingReply && row.waitingSince !== null) {
    // "waiting 0 min" reads like a bug: under a minute is "just now".
    const wait = now - row.waitingSince;
    if (waited !== undefined) return `${who} · ${t("inbox.row.waiting", { time: waited })}`;
    return `${who} · ${wait < 60_000 ? t("inbox.row.waitingNow") : t("inbox.row.waiting", { time: formatDuration(wait, locale) })}`;
  }
  if (row.status === "scheduled" && row.remindAt !== null) return `${who} · ${t("inbox.row.remind", { time: formatDateTime(row.remindAt, locale, timeZone) })}`;
  if (row.status === "closed") return `${who} · ${t("inbox.row.closed", { reason: row.closeReasonKey ? t(`reason.${row.closeReasonKey}`) : (row.closeReason ?? "") })}`;
  return who;
}

/** "🎤 Audio", "🖼 Imagen: caption": a media row says what it is in the reader's words, not by an emoji alone. */
function previewText(preview: string | null, t: Translate): string {
  if (!preview) return "";
  const { kind, detail } = previewParts(preview);
  if (!kind) return preview;
  const word = t(`preview.${kind}`);
  return `${preview.slice(0, preview.length - detail.length).trim()} ${detail ? `${word}: ${detail}` : word}`;
}

function aging(row: InboxRow, locale: Locale, timeZone: string, t: Translate): ChatRowItem["aging"] {
  if (row.status !== "open" || !row.awaitingReply || row.waitingSince === null || offerDeadline(row) !== null) return null;
  const since = row.waitingSince;
  return { since, fresh: rowMeta(row, since, locale, timeZone, t), text: rowMeta(row, since, locale, timeZone, t, undefined, DURATION_MARK), locale };
}

export function chatRowItem(row: InboxRow, now: number, locale: Locale, timeZone: string, t: Translate): ChatRowItem {
  return {
    id: row.id,
    name: row.contactName,
    channel: row.channelType,
    preview: previewText(row.lastMessagePreview, t),
    meta: rowMeta(row, now, locale, timeZone, t),
    pending: row.status === "open" && row.awaitingReply,
    due: row.reminderDue,
    menuLabel: t("inbox.row.actions", { name: row.contactName }),
    time: formatRowTime(row.lastActivityAt, now, locale, timeZone),
    at: new Date(row.lastActivityAt).toISOString(),
    unread: row.assigneeId !== null && row.status !== "closed" ? row.unreadCount : 0,
    mentioned: row.mentioned,
    withBot: row.withBot,
    countdown: offerDeadline(row) === null ? null : { text: rowMeta(row, now, locale, timeZone, t, TIME_LEFT_MARK), until: offerDeadline(row)! },
    aging: aging(row, locale, timeZone, t),
  };
}
