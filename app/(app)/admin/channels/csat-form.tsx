import type { Translate } from "@/server/i18n/locale";
import { CSAT_INTERVAL_DAYS } from "@/server/domain/csat";
import type { ChannelCsat } from "@/server/services/csat-settings";
import { buttonClass, cardClass, hintClass, inputClass, labelClass } from "../styles";
import { saveCsatAction } from "./csat-action";
import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm } from "@/app/_lib/kept-form";

// The channel's satisfaction survey: a plain form, so it works without JavaScript.
export async function CsatForm({ t, csat }: { t: Translate; csat: ChannelCsat }) {
  const prefix = `csat-${csat.channelId}`;
  const kept = await keptForm(prefix);
  return (
    <form action={saveCsatAction} className={`${cardClass} grid gap-4 sm:grid-cols-2`} data-testid="csat-form" aria-labelledby={`${prefix}-title`}>
      <KeepForm id={kept.id} />
      <input type="hidden" name="channelId" value={csat.channelId} />
      <div className="sm:col-span-2">
        <h2 id={`${prefix}-title`} className="text-base font-semibold">{t("csat.settings.title")}</h2>
        <p className={hintClass}>{t("csat.settings.help")}</p>
      </div>
      <div className="flex items-center gap-2 sm:col-span-2">
        <input id={`${prefix}-enabled`} type="checkbox" name="enabled" defaultChecked={kept.held ? kept.value("enabled") !== undefined : csat.enabled} className="h-4 w-4" />
        <label htmlFor={`${prefix}-enabled`} className="text-sm font-medium">{t("csat.settings.enabled")}</label>
      </div>
      <div>
        <label htmlFor={`${prefix}-interval`} className={labelClass}>{t("csat.settings.interval")}</label>
        <input id={`${prefix}-interval`} name="intervalDays" type="number" required min={CSAT_INTERVAL_DAYS.min} max={CSAT_INTERVAL_DAYS.max} defaultValue={kept.valueOr("intervalDays", String(csat.intervalDays))} className={inputClass} />
      </div>
      <div>
        <label htmlFor={`${prefix}-language`} className={labelClass}>{t("csat.settings.language")}</label>
        <select id={`${prefix}-language`} name="language" defaultValue={kept.valueOr("language", csat.language)} className={inputClass}>
          <option value="es">Español</option>
          <option value="pt">Português</option>
          <option value="en">English</option>
        </select>
      </div>
      {csat.templates.length > 0 && (
        <div className="sm:col-span-2">
          <label htmlFor={`${prefix}-template`} className={labelClass}>{t("csat.settings.template")}</label>
          <select id={`${prefix}-template`} name="templateName" defaultValue={kept.valueOr("templateName", csat.templateName ?? "")} className={inputClass}>
            <option value="">{t("csat.settings.templateNone")}</option>
            {csat.templates.map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
        </div>
      )}
      <div className="sm:col-span-2">
        <button type="submit" className={buttonClass}>{t("csat.settings.save")}</button>
      </div>
    </form>
  );
}
