// Vocabulary shared by the domain modules. Mirrors the enums in db/schema.ts, restated here so the
// domain layer depends on nothing outside itself.

export type ChannelType = "whatsapp" | "instagram" | "zenvia" | "webchat";

/** The network a Zenvia channel fronts; Zenvia applies that network's rules. */
export type ZenviaSubChannel = "whatsapp" | "instagram";

export interface ChannelRef {
  type: ChannelType;
  /** Only meaningful for Zenvia. Unknown means "could be either", so the stricter rule applies. */
  zenviaChannel?: ZenviaSubChannel | null;
}

export type Role = "admin" | "agent";

export interface Viewer {
  id: number;
  role: Role;
}

export type ChatStatus = "open" | "scheduled" | "closed";

export type SystemCloseKey = "transferred" | "inactivity";

/** What an agent can send. Inbound-only kinds (contacts, reaction, system, unsupported) are absent. */
export type OutboundKind =
  | "text"
  | "audio"
  | "image"
  | "video"
  | "file"
  | "location"
  | "payment_link"
  | "call"
  | "template";
