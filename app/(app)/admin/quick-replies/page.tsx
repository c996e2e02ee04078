import { getDb } from "@/db/client";
import { quickReplies } from "@/server/services/catalog";
import { AdminFrame } from "../admin-frame";
import { TextAreaField, TextField } from "../field";
import { requireAdmin } from "../require-admin";
import type { StatusParams } from "../status";
import { ConfirmForm } from "../confirm-form";
import { buttonClass, captionClass, cardClass, tableClass, tdClass, thClass } from "../styles";
import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm } from "@/app/_lib/kept-form";
import { createQuickReplyAction, deleteQuickReplyAction, updateQuickReplyAction } from "./actions";

export default async function QuickRepliesPage({ searchParams }: { searchParams: Promise<StatusParams> }) {
  const { t } = await requireAdmin();
  const replies = quickReplies.list(getDb());
  const [add, ...edits] = await Promise.all([keptForm("quick-reply.create"), ...replies.map((r) => keptForm(`quick-reply.edit:${r.id}`))]);
  return (
    <AdminFrame t={t} current="quick-replies" title={t("admin.quickReplies.title")} params={await searchParams}>
      <div className="overflow-x-auto">
        <table className={tableClass} data-testid="quick-replies-table">
          <caption className={captionClass}>{t("admin.quickReplies.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={thClass}>{t("admin.quickReplies.col.shortcut")}</th>
              <th scope="col" className={thClass}>{t("admin.quickReplies.col.body")}</th>
              <th scope="col" className={thClass}>{t("admin.common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {replies.length === 0 && (
              <tr>
                <td colSpan={3} className={`${tdClass} text-slate-600`}>{t("admin.common.empty")}</td>
              </tr>
            )}
            {replies.map((r, i) => (
              <tr key={r.id}>
                <th scope="row" className={`${tdClass} font-mono font-medium`}>/{r.shortcut}</th>
                <td className={`${tdClass} whitespace-pre-wrap`}>{r.body}</td>
                <td className={`${tdClass} space-y-2`}>
                  <details open={edits[i]!.held} data-testid={`edit-quick-reply-${r.id}`}>
                    <summary className="cursor-pointer text-sm font-medium text-brand-700 underline">
                      {t("admin.common.edit")}
                      <span className="sr-only"> /{r.shortcut}</span>
                    </summary>
                    <form action={updateQuickReplyAction} className="mt-2 grid min-w-64 gap-3">
                      <KeepForm id={edits[i]!.id} />
                      <input type="hidden" name="quickReplyId" value={r.id} />
                      <TextField
                        id={`shortcut-${r.id}`}
                        name="shortcut"
                        required
                        maxLength={33}
                        autoComplete="off"
                        spellCheck={false}
                        defaultValue={edits[i]!.value("shortcut") ?? r.shortcut}
                        label={t("admin.quickReplies.field.shortcut")}
                      />
                      <TextAreaField id={`quick-reply-body-${r.id}`} name="body" required defaultValue={edits[i]!.value("body") ?? r.body} label={t("admin.quickReplies.field.body")} />
                      <div>
                        <button type="submit" className={buttonClass}>
                          {t("admin.quickReplies.edit.submit")}
                          <span className="sr-only"> /{r.shortcut}</span>
                        </button>
                      </div>
                    </form>
                  </details>
                  <ConfirmForm
                    action={deleteQuickReplyAction}
                    fields={{ quickReplyId: r.id }}
                    verb={t("admin.common.delete")}
                    target={`/${r.shortcut}`}
                    confirm={t("admin.quickReplies.deleteConfirm", { shortcut: r.shortcut })}
                    testId={`delete-quick-reply-${r.id}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="add-quick-reply" className={cardClass}>
        <h2 id="add-quick-reply" className="mb-4 text-base font-semibold">{t("admin.quickReplies.add.title")}</h2>
        <form action={createQuickReplyAction} className="grid gap-4" data-testid="create-quick-reply-form">
          <KeepForm id={add.id} />
          <TextField
            id="new-shortcut"
            name="shortcut"
            required
            maxLength={33}
            autoComplete="off"
            spellCheck={false}
            defaultValue={add.value("shortcut")}
            label={t("admin.quickReplies.field.shortcut")}
            hint={t("admin.quickReplies.hint.shortcut")}
          />
          <TextAreaField
            id="new-quick-reply-body"
            name="body"
            required
            defaultValue={add.value("body")}
            label={t("admin.quickReplies.field.body")}
            hint={t("admin.quickReplies.hint.body")}
          />
          <div>
            <button type="submit" className={buttonClass}>{t("admin.quickReplies.add.submit")}</button>
          </div>
        </form>
      </section>
    </AdminFrame>
  );
}
