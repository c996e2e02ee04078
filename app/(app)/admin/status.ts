import { MAX_ERROR_LENGTH, withOutcome } from "@/app/_lib/form-redirect";
import type { MessageKey } from "@/server/i18n/messages";

// Forms redirect back with ?ok=<code> or ?error=<message>, so the outcome shows without JavaScript and
// survives a reload. Success codes map to translated text; an error carries the domain error's own message.

export const okMessages = {
  "user.created": "admin.ok.user.created",
  "user.roleChanged": "admin.ok.user.roleChanged",
  "user.deactivated": "admin.ok.user.deactivated",
  "user.reactivated": "admin.ok.user.reactivated",
  "user.passwordReset": "admin.ok.user.passwordReset",
  "channel.created": "admin.ok.channel.created",
  "channel.updated": "admin.ok.channel.updated",
  "secrets.dismissed": "admin.ok.secrets.dismissed",
  "reason.created": "admin.ok.reason.created",
  "reason.renamed": "admin.ok.reason.renamed",
  "reason.archived": "admin.ok.reason.archived",
  "reason.activated": "admin.ok.reason.activated",
  "reason.deleted": "admin.ok.reason.deleted",
  "quickReply.created": "admin.ok.quickReply.created",
  "quickReply.updated": "admin.ok.quickReply.updated",
  "quickReply.deleted": "admin.ok.quickReply.deleted",
  "template.created": "admin.ok.template.created",
  "template.deleted": "admin.ok.template.deleted",
  "settings.saved": "admin.ok.settings.saved",
  "message.deleted": "admin.ok.message.deleted",
  "chat.deleted": "admin.ok.chat.deleted",
  "contact.erased": "admin.ok.contact.erased",
  "csat.saved": "csat.settings.saved",
  "bot.created": "bot.ok.created",
  "bot.saved": "bot.ok.saved",
  "bot.published": "bot.ok.published",
  "bot.imported": "bot.ok.imported",
  "bot.deleted": "bot.ok.deleted",
  "bot.assigned": "bot.ok.assigned",
  "team.created": "admin.ok.team.created",
  "team.saved": "admin.ok.team.saved",
  "team.deleted": "admin.ok.team.deleted",
  "team.hours": "admin.ok.team.hours",
  "team.member": "admin.ok.team.member",
  "team.default": "admin.ok.team.default",
  "team.channel": "admin.ok.team.channel",
  "team.capacity": "admin.ok.team.capacity",
} as const satisfies Record<string, MessageKey>;

export type OkCode = keyof typeof okMessages;

/** Error codes the forms themselves raise (not the domain): translated like the success codes. */
export const formErrors = {
  confirm: "admin.error.confirm",
  invalid: "admin.error.invalid",
} as const satisfies Record<string, MessageKey>;

export type FormErrorCode = keyof typeof formErrors;

export { safeReturnTo } from "@/app/_lib/form-redirect";

export function withStatus(path: string, status: { ok: OkCode } | { error: string } | { formError: FormErrorCode }): string {
  return withOutcome(path, status);
}

export type StatusParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** What the status region shows for the page's query, or null. Unknown codes show nothing. */
export function readStatus(params: StatusParams): { kind: "ok" | "error"; key?: MessageKey; text?: string } | null {
  const ok = first(params.ok);
  if (ok && Object.hasOwn(okMessages, ok)) return { kind: "ok", key: okMessages[ok as OkCode] };
  const formError = first(params.formError);
  if (formError && Object.hasOwn(formErrors, formError)) return { kind: "error", key: formErrors[formError as FormErrorCode] };
  const error = first(params.error);
  if (error) return { kind: "error", text: error.slice(0, MAX_ERROR_LENGTH) };
  return null;
}
