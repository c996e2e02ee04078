import type { Translate } from "@/server/i18n/locale";
import { TimeZoneNote } from "../../_time-zone/zone-note";
import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm } from "@/app/_lib/kept-form";
import { assignChatAction, cancelScheduleAction, closeChatAction, scheduleChatAction } from "../actions";

const button = "rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700";
const field = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** Close, Schedule and Assign: three small forms, each usable from the keyboard and without JavaScript. */
export async function ChatActions(props: {
  chat: { id: number; status: string; assigneeId: number | null; remindAt: number | null; remindNote: string | null };
  returnTo: string;
  reasons: { id: number; label: string; active: boolean; systemKey: string | null }[];
  team: { id: number; name: string; active: boolean }[];
  remindDefault: string;
  t: Translate;
}) {
  const { chat, returnTo, reasons, team, remindDefault, t } = props;
  if (chat.status === "closed") return null;
  // A refused form comes back filled in as it was sent, its panel open (app/_lib/kept-form.ts).
  const [close, schedule, assign] = await Promise.all([keptForm(`close:${chat.id}`), keptForm(`schedule:${chat.id}`), keptForm(`assign:${chat.id}`)]);
  const hidden = (
    <>
      <input type="hidden" name="chatId" value={chat.id} />
      <input type="hidden" name="returnTo" value={returnTo} />
    </>
  );
  const assignable = team.filter((u) => u.active && u.id !== chat.assigneeId);
  return (
    <details id="chat-actions" open={close.held || schedule.held || assign.held} className="border-b border-slate-200 bg-slate-50 text-sm" data-testid="chat-actions">
      <summary className="cursor-pointer px-4 py-2 font-medium text-slate-700">
        {t("chat.close.title")} · {t("chat.schedule.title")} · {t("chat.assign.title")}
      </summary>
    <section aria-label={t("chat.actions")} className="grid max-h-[45dvh] gap-3 overflow-y-auto p-3 pt-0 md:max-h-none md:overflow-visible lg:grid-cols-3">
      <form action={closeChatAction} className="space-y-2" data-testid="close-form">
        {hidden}
        <KeepForm id={close.id} />
        <label className="block font-medium">
          {t("chat.close.reason")}
          <select id="close-reason" name="reasonId" required className={field} defaultValue={close.value("reasonId") ?? ""}>
            <option value="" disabled>—</option>
            {reasons.filter((r) => r.active && !r.systemKey).map((r) => (
              <option key={r.id} value={r.id}>{r.label}</option>
            ))}
          </select>
        </label>
        <button type="submit" className={button}>{t("chat.close.submit")}</button>
      </form>

      <form action={scheduleChatAction} className="space-y-2" data-testid="schedule-form">
        {hidden}
        <KeepForm id={schedule.id} />
        <label className="block font-medium">
          {t("chat.schedule.at")}
          <input id="schedule-at" type="datetime-local" name="at" required defaultValue={schedule.value("at") ?? remindDefault} className={field} aria-describedby="schedule-at-zone" />
        </label>
        <TimeZoneNote id="schedule-at-zone" t={t} />
        <label className="block font-medium">
          {t("chat.schedule.note")}
          <input type="text" name="note" maxLength={500} defaultValue={schedule.value("note") ?? chat.remindNote ?? ""} className={field} />
        </label>
        <div className="flex gap-2">
          <button type="submit" className={button}>{t("chat.schedule.submit")}</button>
        </div>
      </form>

      <form action={assignChatAction} className="space-y-2" data-testid="assign-form">
        {hidden}
        <KeepForm id={assign.id} />
        <input type="hidden" name="expectedAssigneeId" value={chat.assigneeId ?? ""} />
        <label className="block font-medium">
          {t("chat.assign.agent")}
          <select id="assign-user" name="userId" required className={field} defaultValue={assign.value("userId") ?? ""}>
            <option value="" disabled>—</option>
            {assignable.map((u) => (
              <option key={u.id} value={u.id}>{u.name}</option>
            ))}
          </select>
        </label>
        <label className="block font-medium">
          {t("chat.assign.note")}
          <textarea name="transferNote" rows={2} maxLength={4000} defaultValue={assign.value("transferNote") ?? ""} placeholder={t("chat.assign.notePlaceholder")} className={field} />
        </label>
        {chat.assigneeId !== null && <p className="text-xs text-amber-800" role="note">{t("chat.assign.transferWarning")}</p>}
        <button type="submit" className={button}>{t("chat.assign.submit")}</button>
      </form>

      {chat.status === "scheduled" && (
        <form action={cancelScheduleAction} className="lg:col-span-3">
          {hidden}
          <button type="submit" className="text-sm text-brand-700 underline">{t("chat.schedule.cancel")}</button>
        </form>
      )}
    </section>
    </details>
  );
}
