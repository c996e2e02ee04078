import { AVAILABILITIES } from "@/server/domain/routing";
import type { Translate } from "@/server/i18n/locale";
import type { MyRouting } from "@/server/services/routing/overview";
import { setAvailabilityAction } from "./actions";

/**
 * The header's availability control and the agent's own load ("2 / 5 chats"): a plain form, so it works
 * without JavaScript. What counts is shown too: "offline" when no inbox tab has polled for a few minutes.
 */
export function AvailabilityControl({ me, t, returnTo }: { me: MyRouting; t: Translate; returnTo: string }) {
  const dot = me.availability === "available" ? "bg-green-600" : me.availability === "away" ? "bg-amber-500" : "bg-slate-400";
  return (
    // Keyed by the choice: React resets a form after its action, and a mounted select keeps its old value.
    <form key={me.chosen} action={setAvailabilityAction} className="flex items-center gap-1" data-testid="availability">
      <input type="hidden" name="returnTo" value={returnTo} />
      <span aria-hidden title={t(`availability.${me.availability}`)} data-effective={me.availability} className={`inline-block h-2 w-2 rounded-full ${dot}`} />
      <label htmlFor="availability-select" className="sr-only">{t("availability.label")}</label>
      <select id="availability-select" name="availability" defaultValue={me.chosen} className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs">
        {AVAILABILITIES.map((a) => (
          <option key={a} value={a}>{t(`availability.${a}`)}</option>
        ))}
      </select>
      <button type="submit" className="rounded-md px-2 py-0.5 text-xs text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100">{t("availability.set")}</button>
      {me.capacity !== null && <span className="text-xs text-slate-700" data-testid="my-load">{t("availability.load", { load: me.load, capacity: me.capacity })}</span>}
    </form>
  );
}
