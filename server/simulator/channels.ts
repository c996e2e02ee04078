import type { Db } from "@/db/client";
import { listChannels } from "@/server/repositories/channels";
import type { SimChannel } from "./types";

/** The simulator impersonates the providers of the channels configured in Charla, with their tokens. */
export function simChannelsFromDb(db: Db): SimChannel[] {
  const out: SimChannel[] = [];
  for (const c of listChannels(db)) {
    if (c.type === "whatsapp" && c.config.phoneNumberId) {
      out.push({ type: "whatsapp", phoneNumberId: c.config.phoneNumberId, accessToken: c.secrets.accessToken ?? "", appSecret: c.secrets.appSecret ?? "" });
    } else if (c.type === "instagram" && c.config.accountId) {
      out.push({ type: "instagram", accountId: c.config.accountId, accessToken: c.secrets.accessToken ?? "", appSecret: c.secrets.appSecret ?? "" });
    } else if (c.type === "zenvia" && c.config.senderId) {
      out.push({
        type: "zenvia",
        charlaChannelId: c.id,
        senderId: c.config.senderId,
        zenviaChannel: c.config.zenviaChannel === "instagram" ? "instagram" : "whatsapp",
        apiToken: c.secrets.apiToken ?? "",
        webhookSecret: c.secrets.webhookSecret ?? "",
      });
    }
  }
  return out;
}
