// What the audit log's codes and ids mean, so the log can be read as names and words rather than numbers.

/**
 * Every action the services write. Each has a name in the admin dictionaries (admin.audit.action.<code>);
 * tests/unit/audit-log-text.test.ts fails when a service writes a code missing here or a name is missing.
 */
export const auditActions = [
  "chat.close",
  "chat.close_inactive",
  "chat.schedule",
  "chat.unschedule",
  "chat.assign",
  "chat.transfer",
  "chat.delete",
  "message.delete",
  "message.retry",
  "contact.erase",
  "contact.update",
  "user.create",
  "user.update",
  "user.set_password",
  "user.profile",
  "user.time_zone",
  "user.time_zone_detected",
  "settings.update",
  "close_reason.create",
  "close_reason.update",
  "close_reason.archive",
  "close_reason.delete",
  "quick_reply.create",
  "quick_reply.update",
  "quick_reply.delete",
  "template.create",
  "template.delete",
  "channel.create",
  "channel.update",
  "csat.update",
  "chat.bot_closed",
  "bot.flow_create",
  "bot.flow_save",
  "bot.flow_publish",
  "bot.flow_delete",
  "bot.channel_flow",
  // Teams and distribution (issue 13).
  "chat.auto_assign",
  "chat.offer",
  "chat.offer_accept",
  "chat.offer_decline",
  "chat.offer_expired",
  "chat.offer_withdrawn",
  "chat.queue",
  "chat.transfer_queue",
  "user.availability",
  "user.capacity",
  "team.create",
  "team.update",
  "team.hours",
  "team.member_add",
  "team.member_remove",
  "team.default",
  "team.delete",
  "channel.team",
] as const;

export type AuditAction = (typeof auditActions)[number];

export function isAuditAction(code: string): code is AuditAction {
  return (auditActions as readonly string[]).includes(code);
}

/** What an id in the log points at; only people, reasons and channels have names worth looking up. */
export type AuditRefKind = "user" | "reason" | "channel" | "chat" | "contact" | "message";

/** Detail keys whose values are ids (or lists of ids), by what they point at. */
export const auditDetailRefs: Readonly<Record<string, AuditRefKind>> = {
  from: "user",
  to: "user",
  userId: "user",
  assigneeId: "user",
  reasonId: "reason",
  channelId: "channel",
  chatId: "chat",
  newChatId: "chat",
  chatIds: "chat",
  contactId: "contact",
  messageId: "message",
};

/** Detail keys holding a moment (unix ms). */
export const auditDetailTimes: ReadonlySet<string> = new Set(["at", "remindAt"]);

const targetRefs: Readonly<Record<string, AuditRefKind>> = {
  user: "user",
  close_reason: "reason",
  channel: "channel",
  chat: "chat",
  contact: "contact",
  message: "message",
};

export function auditTargetRef(targetType: string): AuditRefKind | null {
  return Object.hasOwn(targetRefs, targetType) ? targetRefs[targetType]! : null;
}

export function auditDetailRef(key: string): AuditRefKind | null {
  return Object.hasOwn(auditDetailRefs, key) ? auditDetailRefs[key]! : null;
}

type NamedKind = "user" | "reason" | "channel";
const named = (kind: AuditRefKind | null): kind is NamedKind => kind === "user" || kind === "reason" || kind === "channel";

const asId = (value: unknown): number | null => {
  const n = typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** The ids of people, reasons and channels a page of entries mentions (actor, target, details). */
export function auditNamedIds(
  entries: readonly { actorId: number | null; targetType: string; targetId: string | null; details: unknown }[],
): Record<NamedKind, number[]> {
  const found: Record<NamedKind, Set<number>> = { user: new Set(), reason: new Set(), channel: new Set() };
  const add = (kind: AuditRefKind | null, value: unknown) => {
    if (!named(kind)) return;
    for (const v of Array.isArray(value) ? value : [value]) {
      const id = asId(v);
      if (id !== null) found[kind].add(id);
    }
  };
  for (const e of entries) {
    add("user", e.actorId);
    add(auditTargetRef(e.targetType), e.targetId);
    if (e.details && typeof e.details === "object") {
      for (const [key, value] of Object.entries(e.details)) add(auditDetailRef(key), value);
    }
  }
  return { user: [...found.user], reason: [...found.reason], channel: [...found.channel] };
}
