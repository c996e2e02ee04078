import { currentUser } from "@/server/auth/session";
import { utcOffsetLabel } from "@/server/domain/time-zone";
import type { Translate } from "@/server/i18n/locale";

/**
 * Which zone a date or time input means: a datetime-local input carries none, and a reminder typed as 10:00
 * fires at 10:00 in this zone. Reads the signed-in user itself (cached per request), so a form can place it
 * beside its input without being handed the zone. Point the input's aria-describedby at `id`.
 */
export async function TimeZoneNote({ id, t }: { id: string; t: Translate }) {
  const zone = (await currentUser())?.timeZone ?? "UTC";
  return (
    <span id={id} data-testid="time-zone-note" className="mt-1 block text-xs font-normal text-slate-600">
      {t("time.zoneNote", { zone, offset: utcOffsetLabel(zone, Date.now()) })}
    </span>
  );
}
