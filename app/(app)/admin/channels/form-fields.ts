import { channelFields, type ChannelKind } from "@/server/domain/channel-config";
import type { MessageKey } from "@/server/i18n/messages";
import { text } from "../form-data";

// The channel forms are generated from the domain's field table (channelFields): a new field there
// needs only a label here.

export const fieldLabels: Record<string, MessageKey> = {
  phoneNumberId: "admin.channels.field.phoneNumberId",
  accessToken: "admin.channels.field.accessToken",
  appSecret: "admin.channels.field.appSecret",
  verifyToken: "admin.channels.field.verifyToken",
  apiBaseUrl: "admin.channels.field.apiBaseUrl",
  accountId: "admin.channels.field.accountId",
  senderId: "admin.channels.field.senderId",
  zenviaChannel: "admin.channels.field.zenviaChannel",
  apiToken: "admin.channels.field.apiToken",
  webhookSecret: "admin.channels.field.webhookSecret",
  allowedOrigins: "admin.channels.field.allowedOrigins",
};

/** Fields whose values are a fixed list render as a select instead of a text box. */
export const fieldChoices: Record<string, readonly ChannelKind[]> = {
  zenviaChannel: ["whatsapp", "instagram"],
};

/** Form control names are prefixed so a provider field can never collide with "name" or "type". */
export const controlName = (key: string) => `field.${key}`;

/**
 * The posted provider fields of `type`. A blank box means "not given": on creation the default or a
 * generated value applies, on edit the stored value (secrets included) is kept.
 */
export function channelFieldsFromForm(type: ChannelKind, form: FormData): Record<string, string | undefined> {
  return Object.fromEntries(
    channelFields[type].map((spec) => {
      const value = text(form, controlName(spec.key)).trim();
      return [spec.key, value === "" ? undefined : value];
    }),
  );
}
