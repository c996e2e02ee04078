import type { Db, DbOrTx } from "@/db/client";
import { assertCsatSettings, CSAT_INTERVAL_DAYS } from "@/server/domain/csat";
import { badRequest, notFound } from "@/server/domain/errors";
import { isLocale } from "@/server/i18n/locale";
import { writeAudit } from "@/server/repositories/audit";
import { findChannel, listChannels } from "@/server/repositories/channels";
import { listCsatSettings, saveCsatSettings } from "@/server/repositories/csat";
import { listTemplates } from "@/server/repositories/templates";
import type { Actor } from "./users";

export interface ChannelCsat {
  channelId: number;
  channelName: string;
  channelType: string;
  enabled: boolean;
  intervalDays: number;
  templateName: string | null;
  language: string;
  /** The templates this channel may fall back to (WhatsApp only). */
  templates: string[];
}

/** Every channel with its survey setting (the default, off, where none was saved). */
export function csatSettingsByChannel(db: DbOrTx): ChannelCsat[] {
  const saved = new Map(listCsatSettings(db).map((s) => [s.channelId, s]));
  return listChannels(db).map((c) => {
    const s = saved.get(c.id);
    return {
      channelId: c.id,
      channelName: c.name,
      channelType: c.type,
      enabled: s?.enabled ?? false,
      intervalDays: s?.intervalDays ?? CSAT_INTERVAL_DAYS.default,
      templateName: s?.templateName ?? null,
      language: s?.language ?? "es",
      templates: c.type === "whatsapp" || c.type === "zenvia" ? [...new Set(listTemplates(db, c.id).map((t) => t.name))] : [],
    };
  });
}

export interface CsatSettingsInput {
  channelId: number;
  enabled: boolean;
  intervalDays: number;
  templateName: string | null;
  language: string;
}

export function updateCsatSettings(db: Db, input: CsatSettingsInput, actor: Actor): ChannelCsat {
  return db.transaction(
    (tx) => {
      const channel = findChannel(tx, input.channelId);
      if (!channel) throw notFound(`There is no channel #${input.channelId}.`, { key: "error.csat.channel", params: { id: String(input.channelId) } });
      const valid = assertCsatSettings(input);
      if (!isLocale(input.language)) throw badRequest("The survey language is es, pt or en.", { key: "error.csat.language" });
      if (valid.templateName !== null) {
        if (channel.type !== "whatsapp" && channel.type !== "zenvia") {
          throw badRequest(`Only WhatsApp channels send templates; leave the template empty for “${channel.name}”.`, { key: "error.csat.templateChannel", params: { channel: channel.name } });
        }
        if (!listTemplates(tx, channel.id).some((t) => t.name === valid.templateName)) {
          throw badRequest(`The channel “${channel.name}” has no template named “${valid.templateName}”.`, { key: "error.csat.template", params: { channel: channel.name, name: valid.templateName } });
        }
      }
      saveCsatSettings(tx, { channelId: channel.id, ...valid, language: input.language, updatedAt: actor.now });
      writeAudit(tx, { actorId: actor.actorId, action: "csat.update", targetType: "channel", targetId: String(channel.id), details: { ...valid, language: input.language } }, actor.now);
      return csatSettingsByChannel(tx).find((c) => c.channelId === channel.id)!;
    },
    { behavior: "immediate" },
  );
}
