import { closeReasonLabel } from "@/server/i18n/close-reasons";
import { auditDetailRef, auditDetailTimes, auditTargetRef, isAuditAction } from "@/server/domain/audit-details";
import { en, type MessageKey } from "@/server/i18n/messages";
import type { Locale, Translate } from "@/server/i18n/locale";
import type { AuditNames, AuditView } from "@/server/services/audit";
import { formatTime } from "../format";

// An audit entry as an administrator reads it: words for codes, names for ids ("#4" when the person or
// reason is gone), moments in the reader's zone and language. Pure, so it is tested without a browser.

export interface AuditContext {
  t: Translate;
  locale: Locale;
  timeZone: string;
}

export interface AuditText {
  actor: string;
  action: string;
  target: string;
  details: string;
}

const known = (key: string): key is MessageKey => Object.hasOwn(en, key);
const translated = (t: Translate, key: string, fallback: string) => (known(key) ? t(key) : fallback);

/** The action's name in the reader's language; a code written by a newer version shows as is. */
export function auditActionLabel(code: string, t: Translate): string {
  return isAuditAction(code) ? translated(t, `admin.audit.action.${code}`, code) : code;
}

function reasonName(names: AuditNames, id: number, t: Translate): string | undefined {
  const reason = names.reasons[id];
  if (!reason) return undefined;
  return closeReasonLabel(t, reason);
}

/** One id as the reader knows it: a name for people, reasons and channels, "#id" otherwise or when unknown. */
function refText(kind: ReturnType<typeof auditDetailRef>, value: unknown, names: AuditNames, t: Translate): string {
  const id = Number(value);
  const name =
    kind === "user" ? names.users[id] : kind === "reason" ? reasonName(names, id, t) : kind === "channel" ? names.channels[id] : undefined;
  return name ?? `#${String(value)}`;
}

function valueText(key: string, value: unknown, names: AuditNames, ctx: AuditContext): string {
  const { t } = ctx;
  const kind = auditDetailRef(key);
  if (kind) return (Array.isArray(value) ? value : [value]).map((v) => refText(kind, v, names, t)).join(", ") || t("admin.audit.none");
  if (auditDetailTimes.has(key) && typeof value === "number") return formatTime(value, ctx.locale, ctx.timeZone);
  if (key === "role" && (value === "admin" || value === "agent")) return t(`shell.role.${value}`);
  if (key === "status" && typeof value === "string") return translated(t, `status.${value}`, value);
  // A profile without a language follows the browser's.
  if (key === "locale" && value === null) return t("profile.languageAuto");
  if (typeof value === "boolean") return t(value ? "admin.audit.yes" : "admin.audit.no");
  if (value === null) return t("admin.audit.none");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export function auditDetailsText(details: unknown, names: AuditNames, ctx: AuditContext): string {
  if (details == null) return "";
  if (typeof details !== "object") return String(details);
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([key, v]) => `${translated(ctx.t, `admin.audit.detail.${key}`, key)}: ${valueText(key, v, names, ctx)}`)
    .join(" · ");
}

export function auditTargetText(targetType: string, targetId: string | null, names: AuditNames, t: Translate): string {
  const type = translated(t, `admin.audit.target.${targetType}`, targetType);
  if (targetId == null) return type;
  if (targetType === "setting") return `${type}: ${translated(t, `admin.audit.setting.${targetId}`, targetId)}`;
  const kind = auditTargetRef(targetType);
  const named = kind === "user" || kind === "reason" || kind === "channel";
  return named ? `${type}: ${refText(kind, targetId, names, t)}` : `${type} #${targetId}`;
}

export function describeAuditEntry(e: AuditView, names: AuditNames, ctx: AuditContext): AuditText {
  return {
    actor: e.actorName ?? ctx.t("admin.audit.system"),
    action: auditActionLabel(e.action, ctx.t),
    target: auditTargetText(e.targetType, e.targetId, names, ctx.t),
    details: auditDetailsText(e.details, names, ctx),
  };
}
