import { badRequest } from "./errors";

export type ChannelKind = "whatsapp" | "instagram" | "zenvia" | "webchat";
export const channelKinds: readonly ChannelKind[] = ["whatsapp", "instagram", "zenvia", "webchat"];

interface FieldSpec {
  /** The key in config/secrets, and the camelCase form of the CLI flag. */
  key: string;
  flag: string;
  secret: boolean;
  required: boolean;
  /**
   * Values we make up ourselves (the provider is told them, not the other way round). A verify token only
   * completes Meta's handshake and must be pasted into Meta's console, so it stays visible (config, not secret).
   */
  generate?: boolean;
  default?: string;
  /** The config key webhooks are routed by. */
  routing?: boolean;
  pattern?: RegExp;
  hint?: string;
  /** Which error.channel.invalid.* text explains the pattern to a reader. */
  invalid?: "url" | "digits" | "senderId" | "zenviaChannel" | "origins";
}

export const GRAPH_API_BASE = "https://graph.facebook.com/v23.0";
export const INSTAGRAM_API_BASE = "https://graph.instagram.com/v23.0";
export const ZENVIA_API_BASE = "https://api.zenvia.com";

const url = { pattern: /^https?:\/\/[^\s]+$/, hint: "an http(s) URL", invalid: "url" } as const;
const digits = { pattern: /^\d{3,32}$/, hint: "the numeric id shown by the provider", invalid: "digits" } as const;

export const channelFields: Record<ChannelKind, FieldSpec[]> = {
  whatsapp: [
    { key: "phoneNumberId", flag: "phone-number-id", secret: false, required: true, routing: true, ...digits },
    { key: "accessToken", flag: "access-token", secret: true, required: true },
    { key: "appSecret", flag: "app-secret", secret: true, required: true },
    { key: "verifyToken", flag: "verify-token", secret: false, required: false, generate: true },
    { key: "apiBaseUrl", flag: "api-base-url", secret: false, required: false, default: GRAPH_API_BASE, ...url },
  ],
  instagram: [
    { key: "accountId", flag: "account-id", secret: false, required: true, routing: true, ...digits },
    { key: "accessToken", flag: "access-token", secret: true, required: true },
    { key: "appSecret", flag: "app-secret", secret: true, required: true },
    { key: "verifyToken", flag: "verify-token", secret: false, required: false, generate: true },
    { key: "apiBaseUrl", flag: "api-base-url", secret: false, required: false, default: INSTAGRAM_API_BASE, ...url },
  ],
  zenvia: [
    { key: "senderId", flag: "sender-id", secret: false, required: true, routing: true, pattern: /^[^\s]{1,100}$/, hint: "our `from` (a phone number or account id)", invalid: "senderId" },
    { key: "zenviaChannel", flag: "zenvia-channel", secret: false, required: true, pattern: /^(whatsapp|instagram)$/, hint: "whatsapp or instagram", invalid: "zenviaChannel" },
    { key: "apiToken", flag: "api-token", secret: true, required: true },
    { key: "webhookSecret", flag: "webhook-secret", secret: true, required: false, generate: true },
    { key: "apiBaseUrl", flag: "api-base-url", secret: false, required: false, default: ZENVIA_API_BASE, ...url },
  ],
  webchat: [
    {
      key: "allowedOrigins",
      flag: "allowed-origins",
      secret: false,
      required: false,
      default: "",
      pattern: /^(\s*https?:\/\/[^\s,]+\s*)(,\s*https?:\/\/[^\s,]+\s*)*$|^$/,
      hint: "comma-separated origins such as https://shop.example.com",
      invalid: "origins",
    },
  ],
};

export interface ChannelDraft {
  externalId: string | null;
  config: Record<string, string>;
  secrets: Record<string, string>;
  /** Secrets made up here: shown once, in full, to the admin who created the channel. */
  generated: Record<string, string>;
}

/**
 * Checks the fields a person gave for a channel type and splits them into config and secrets.
 * `makeSecret` supplies generated values (random tokens) so this stays pure and testable.
 * `previous` keeps secrets that an edit form left blank (they are never shown back).
 */
export function buildChannelDraft(
  type: ChannelKind,
  fields: Record<string, string | undefined>,
  makeSecret: () => string,
  previous?: Pick<ChannelDraft, "config" | "secrets">,
): ChannelDraft {
  const draft: ChannelDraft = { externalId: null, config: {}, secrets: {}, generated: {} };
  for (const spec of channelFields[type]) {
    const given = fields[spec.key]?.trim();
    const kept = spec.secret ? previous?.secrets[spec.key] : previous?.config[spec.key];
    let value = given || kept || spec.default;
    if (!value && spec.generate) {
      value = makeSecret();
      if (spec.secret) draft.generated[spec.key] = value;
    }
    if (value === undefined || (value === "" && spec.required)) {
      if (spec.required) throw badRequest(`A ${label(type)} channel needs --${spec.flag}.`, { key: "error.channel.required", params: { type: label(type), flag: spec.flag } });
      continue;
    }
    if (spec.pattern && !spec.pattern.test(value)) {
      throw badRequest(`--${spec.flag} must be ${spec.hint ?? "valid"}; got “${value}”.`, { key: `error.channel.invalid.${spec.invalid ?? "url"}`, params: { flag: spec.flag, value } });
    }
    (spec.secret ? draft.secrets : draft.config)[spec.key] = spec.key === "apiBaseUrl" ? value.replace(/\/+$/, "") : value;
    if (spec.routing) draft.externalId = value;
  }
  return draft;
}

/** Shows a secret as its last four characters, so an admin can recognise it without reading it. */
export function maskSecret(value: string): string {
  return value.length <= 4 ? "••••" : `••••${value.slice(-4)}`;
}

export function webhookPath(type: ChannelKind, channelId: number): string {
  switch (type) {
    case "whatsapp":
      return "/api/webhooks/whatsapp";
    case "instagram":
      return "/api/webhooks/instagram";
    case "zenvia":
      return `/api/webhooks/zenvia/${channelId}`;
    case "webchat":
      return `/chat/${channelId}`;
  }
}

export function label(type: ChannelKind): string {
  return { whatsapp: "WhatsApp", instagram: "Instagram", zenvia: "Zenvia", webchat: "web chat" }[type];
}

export function assertChannelName(name: string): string {
  const value = name.trim();
  if (!value || value.length > 80) throw badRequest("A channel name needs 1 to 80 characters.", { key: "error.channel.name" });
  return value;
}
