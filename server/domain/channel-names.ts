import type { ChannelRef } from "./types";

/** How a channel is named in messages: "WhatsApp", "Zenvia (Instagram)". */
export function channelLabel(channel: ChannelRef): string {
  switch (channel.type) {
    case "whatsapp":
      return "WhatsApp";
    case "instagram":
      return "Instagram";
    case "webchat":
      return "Web chat";
    case "zenvia":
      if (channel.zenviaChannel === "whatsapp") return "Zenvia (WhatsApp)";
      if (channel.zenviaChannel === "instagram") return "Zenvia (Instagram)";
      return "Zenvia";
  }
}

/**
 * The networks whose rules apply. Zenvia relays to WhatsApp or Instagram and inherits their
 * rules; when we don't know which, a message must satisfy both.
 */
export function networksOf(channel: ChannelRef): Array<"whatsapp" | "instagram" | "webchat"> {
  switch (channel.type) {
    case "zenvia":
      return channel.zenviaChannel ? [channel.zenviaChannel] : ["whatsapp", "instagram"];
    default:
      return [channel.type];
  }
}
