import { getDb } from "@/db/client";
import { closeReasons } from "@/server/services/catalog";
import { AdminFrame } from "../admin-frame";
import { TextField } from "../field";
import { requireAdmin } from "../require-admin";
import type { StatusParams } from "../status";
import { closeReasonLabel } from "@/server/i18n/close-reasons";
import { ConfirmForm } from "../confirm-form";
import { badgeClass, buttonClass, captionClass, cardClass, secondaryButtonClass, smallInputClass, tableClass, tdClass, thClass } from "../styles";
import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm } from "@/app/_lib/kept-form";
import { createReasonAction, deleteReasonAction, renameReasonAction, setReasonActiveAction } from "./actions";

export default async function CloseReasonsPage({ searchParams }: { searchParams: Promise<StatusParams> }) {
  const { t } = await requireAdmin();
  const reasons = closeReasons.list(getDb());
  const [add, ...renames] = await Promise.all([keptForm("reason.create"), ...reasons.map((r) => keptForm(`reason.rename:${r.id}`))]);
  return (
    <AdminFrame t={t} current="close-reasons" title={t("admin.reasons.title")} params={await searchParams}>
      <div className="overflow-x-auto">
        <table className={tableClass} data-testid="reasons-table">
          <caption className={captionClass}>{t("admin.reasons.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={thClass}>{t("admin.reasons.col.label")}</th>
              <th scope="col" className={thClass}>{t("admin.reasons.col.kind")}</th>
              <th scope="col" className={thClass}>{t("admin.reasons.col.status")}</th>
              <th scope="col" className={thClass}>{t("admin.common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {reasons.map((r, i) => ({ ...r, label: closeReasonLabel(t, r), kept: renames[i]! })).map((r) => (
              <tr key={r.id}>
                <th scope="row" className={`${tdClass} font-medium`}>{r.label}</th>
                <td className={tdClass}>
                  {r.systemKey ? (
                    <>
                      <span className={badgeClass}>{t("admin.reasons.system")}</span>
                      <p className="mt-1 text-xs text-slate-600">{t("admin.reasons.systemNote")}</p>
                    </>
                  ) : r.builtinKey ? (
                    <>
                      <span className={badgeClass}>{t("admin.reasons.builtin")}</span>
                      <p className="mt-1 text-xs text-slate-600">{t("admin.reasons.builtinNote")}</p>
                    </>
                  ) : (
                    t("admin.reasons.custom")
                  )}
                </td>
                <td className={tdClass}>
                  <span className={badgeClass}>{r.active ? t("admin.common.active") : t("admin.reasons.archived")}</span>
                </td>
                <td className={`${tdClass} space-y-2`}>
                  <form action={renameReasonAction} className="flex flex-wrap items-center gap-2">
                    <input type="hidden" name="reasonId" value={r.id} />
                    <KeepForm id={r.kept.id} />
                    <label htmlFor={`reason-${r.id}`} className="sr-only">{t("admin.reasons.rename.label", { label: r.label })}</label>
                    <input id={`reason-${r.id}`} name="label" defaultValue={r.kept.value("label") ?? r.label} required maxLength={80} className={smallInputClass} />
                    <button type="submit" className={secondaryButtonClass}>
                      {t("admin.reasons.rename.submit")}
                      <span className="sr-only"> {r.label}</span>
                    </button>
                  </form>
                  {!r.systemKey && (
                    <div className="flex flex-wrap gap-2">
                      <form action={setReasonActiveAction}>
                        <input type="hidden" name="reasonId" value={r.id} />
                        <input type="hidden" name="active" value={r.active ? "false" : "true"} />
                        <button type="submit" className={secondaryButtonClass}>
                          {r.active ? t("admin.reasons.archive") : t("admin.reasons.activate")}
                          <span className="sr-only"> {r.label}</span>
                        </button>
                      </form>
                      <ConfirmForm
                        action={deleteReasonAction}
                        fields={{ reasonId: r.id }}
                        verb={t("admin.common.delete")}
                        target={r.label}
                        confirm={t("admin.reasons.deleteConfirm", { label: r.label })}
                        testId={`delete-reason-${r.id}`}
                      />
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="add-reason" className={cardClass}>
        <h2 id="add-reason" className="mb-4 text-base font-semibold">{t("admin.reasons.add.title")}</h2>
        <form action={createReasonAction} className="flex flex-wrap items-end gap-4">
          <KeepForm id={add.id} />
          <TextField id="new-reason" name="label" required maxLength={80} autoComplete="off" defaultValue={add.value("label")} label={t("admin.reasons.field.label")} className="min-w-64 flex-1" />
          <button type="submit" className={buttonClass}>{t("admin.reasons.add.submit")}</button>
        </form>
      </section>
    </AdminFrame>
  );
}
