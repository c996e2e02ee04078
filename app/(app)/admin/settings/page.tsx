import { getDb } from "@/db/client";
import { getSettings } from "@/server/services/settings";
import { AdminFrame } from "../admin-frame";
import { TextField } from "../field";
import { requireAdmin } from "../require-admin";
import type { StatusParams } from "../status";
import { buttonClass, cardClass } from "../styles";
import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm } from "@/app/_lib/kept-form";
import { saveSettingsAction } from "./actions";

export default async function SettingsPage({ searchParams }: { searchParams: Promise<StatusParams> }) {
  const { t } = await requireAdmin();
  const settings = getSettings(getDb());
  // After a refusal the form shows what was submitted, not what is saved.
  const kept = await keptForm("settings");
  const sharedInbox = kept.held ? kept.value("sharedInbox") === "on" : settings.sharedInbox;
  const never = kept.held ? kept.value("inactivityNever") !== undefined : settings.inactivityMinutes === null;
  const radio = "mt-0.5 h-4 w-4";
  return (
    <AdminFrame t={t} current="settings" title={t("admin.settings.title")} params={await searchParams}>
      <form action={saveSettingsAction} className={`${cardClass} max-w-2xl space-y-6`} data-testid="settings-form">
        <KeepForm id={kept.id} />
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold">{t("admin.settings.shared.legend")}</legend>
          <div className="flex items-start gap-2">
            <input id="shared-on" type="radio" name="sharedInbox" value="on" defaultChecked={sharedInbox} className={radio} />
            <label htmlFor="shared-on" className="text-sm">{t("admin.settings.shared.on")}</label>
          </div>
          <div className="flex items-start gap-2">
            <input id="shared-off" type="radio" name="sharedInbox" value="off" defaultChecked={!sharedInbox} className={radio} />
            <label htmlFor="shared-off" className="text-sm">{t("admin.settings.shared.off")}</label>
          </div>
        </fieldset>

        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">{t("admin.settings.inactivity.legend")}</legend>
          <TextField
            id="inactivity-minutes"
            name="inactivityMinutes"
            type="number"
            min={5}
            max={129600}
            step={1}
            defaultValue={kept.value("inactivityMinutes") ?? settings.inactivityMinutes ?? ""}
            label={t("admin.settings.inactivity.minutes")}
            hint={t("admin.settings.inactivity.hint")}
            className="max-w-xs"
          />
          <div className="flex items-start gap-2">
            <input id="inactivity-never" type="checkbox" name="inactivityNever" defaultChecked={never} className={radio} />
            <label htmlFor="inactivity-never" className="text-sm">{t("admin.settings.inactivity.never")}</label>
          </div>
        </fieldset>

        <TextField
          id="poll-interval"
          name="pollIntervalSeconds"
          type="number"
          min={2}
          max={300}
          step={1}
          required
          defaultValue={kept.value("pollIntervalSeconds") ?? settings.pollIntervalSeconds}
          label={t("admin.settings.poll.label")}
          hint={t("admin.settings.poll.hint")}
          className="max-w-xs"
        />

        <TextField
          id="payment-pattern"
          name="paymentLinkPattern"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          defaultValue={kept.value("paymentLinkPattern") ?? settings.paymentLinkPattern}
          label={t("admin.settings.payment.label")}
          hint={t("admin.settings.payment.hint")}
        />

        <TextField
          id="currency"
          name="currency"
          required
          maxLength={3}
          autoComplete="off"
          defaultValue={kept.value("currency") ?? settings.currency}
          label={t("admin.settings.currency.label")}
          hint={t("admin.settings.currency.hint")}
          className="max-w-xs"
        />

        <button type="submit" className={buttonClass}>{t("admin.settings.submit")}</button>
      </form>
    </AdminFrame>
  );
}
