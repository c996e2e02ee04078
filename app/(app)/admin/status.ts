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
  "quickReply.deleted": "admin.ok.quickReply.deleted",
  "template.created": "admin.ok.template.created",
  "template.deleted": "admin.ok.template.deleted",
  "settings.saved": "admin.ok.settings.saved",
  "message.deleted": "admin.ok.message.deleted",
  "chat.deleted": "admin.ok.chat.deleted",
  "contact.erased": "admin.ok.contact.erased",
} as const satisfies Record<string, MessageKey>;

export type OkCode = keyof typeof okMessages;

/** Error codes the forms themselves raise (not the domain): translated like the success codes. */
export const formErrors = {
  confirm: "admin.error.confirm",
  invalid: "admin.error.invalid",
} as const satisfies Record<string, MessageKey>;

export type FormErrorCode = keyof typeof formErrors;

/** Long enough for any domain message; caps what a crafted link can put on the page. */
const MAX_ERROR_LENGTH = 300;

/** Only same-site paths: "//evil.example" and "/\evil.example" would leave the site. */
export function safeReturnTo(value: unknown, fallback: string): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : fallback;
}

/** `path` with its previous outcome replaced by this one; the rest of its query is kept. */
export function withStatus(path: string, status: { ok: OkCode } | { error: string } | { formError: FormErrorCode }): string {
  const url = new URL(path, "http://x");
  url.searchParams.delete("ok");
  url.searchParams.delete("error");
  url.searchParams.delete("formError");
  if ("ok" in status) url.searchParams.set("ok", status.ok);
  else if ("error" in status) url.searchParams.set("error", status.error.slice(0, MAX_ERROR_LENGTH));
  else url.searchParams.set("formError", status.formError);
  return url.pathname + url.search;
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
