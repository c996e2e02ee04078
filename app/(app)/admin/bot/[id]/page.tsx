import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { isDomainError } from "@/server/domain";
import { STEP_KINDS, type Flow, type Step } from "@/server/domain/bot/flow";
import { botEditorOptions } from "@/server/services/bot/editor-options";
import { flowDetail } from "@/server/services/bot/flows";
import { tryDraft, TRY_MAX_TURNS } from "@/server/services/bot/try";
import type { Translate } from "@/server/i18n/locale";
import { AdminFrame } from "../../admin-frame";
import { TextAreaField, TextField } from "../../field";
import { requireAdmin } from "../../require-admin";
import type { StatusParams } from "../../status";
import { badgeClass, buttonClass, cardClass, labelClass, secondaryButtonClass, smallInputClass } from "../../styles";
import { botAction } from "../actions";
import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm, type KeptForm } from "@/app/_lib/kept-form";
import { FlowDiagram } from "./diagram";
import { StepFields } from "./step-fields";
import { TryPane } from "./try-pane";

type Params = StatusParams & { t?: string | string[]; say?: string; pick?: string };

export default async function BotFlowEditor({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Params> }) {
  const { user, t } = await requireAdmin();
  const flowId = Number((await params).id);
  if (!Number.isSafeInteger(flowId) || flowId <= 0) notFound();
  const db = getDb();
  let detail: ReturnType<typeof flowDetail>;
  try {
    detail = flowDetail(db, user, flowId);
  } catch (error) {
    if (isDomainError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const query = await searchParams;
  const options = botEditorOptions(db, user);
  const draft = detail.draft;
  const said = conversation(query);
  const tried = tryDraft(db, user, flowId, said, { now: Date.now() });
  const stepIds = draft?.steps.map((s) => s.id) ?? [];
  // Every form that takes typing comes back filled in after a refusal (app/_lib/kept-form.ts).
  const keep = (form: string) => keptForm(`bot:${flowId}:${form}`);
  const [keptSettings, keptImport, ...keptSteps] = await Promise.all([keep("settings"), keep("import"), ...stepIds.map((id) => keep(`step:${id}`)), ...STEP_KINDS.map((kind) => keep(`add:${kind}`))]);
  const keptStep = new Map(stepIds.map((id, i) => [id, keptSteps[i]!]));
  const keptAdd = new Map(STEP_KINDS.map((kind, i) => [kind, keptSteps[stepIds.length + i]!]));
  const hidden = (op: string, extra: Record<string, string> = {}) => (
    <>
      <input type="hidden" name="op" value={op} />
      <input type="hidden" name="flowId" value={flowId} />
      {Object.entries(extra).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );
  return (
    <AdminFrame t={t} current="bot" title={t("bot.editor.title", { name: detail.flow.name })} params={query}>
      <section aria-labelledby="publish-title" className={`${cardClass} flex flex-wrap items-center gap-4`}>
        <h2 id="publish-title" className="sr-only">{t("bot.publish.title")}</h2>
        <p className="text-sm" data-testid="flow-version">
          {detail.latest ? t("bot.version", { n: detail.latest.version }) : t("bot.unpublished")}
          {detail.latest && JSON.stringify(detail.latest.definition) !== JSON.stringify(detail.flow.draft) && <span className={`${badgeClass} ml-2`}>{t("bot.draftChanged")}</span>}
        </p>
        <form action={botAction}>
          {hidden("publish")}
          <button type="submit" className={buttonClass}>{t("bot.publish.submit")}</button>
        </form>
        <a href={`/admin/bot/${flowId}/export`} className="text-sm font-medium text-brand-700 underline" download>{t("bot.export")}</a>
        <p className="basis-full text-xs text-slate-600">{t("bot.publish.hint")}</p>
      </section>

      {draft && (
        <section aria-labelledby="diagram-title" className={cardClass}>
          <h2 id="diagram-title" className="mb-2 text-base font-semibold">{t("bot.diagram.title")}</h2>
          <div className="overflow-x-auto">
            <FlowDiagram flow={draft} title={t("bot.diagram.alt", { n: draft.steps.length })} />
          </div>
        </section>
      )}

      {draft && (
        <section aria-labelledby="steps-title" className="space-y-3">
          <h2 id="steps-title" className="text-base font-semibold">{t("bot.steps.title")}</h2>
          <ol className="space-y-3">
            {draft.steps.map((step, i) => (
              <li key={step.id} id={`step-${step.id}`} className={cardClass} data-testid={`step-${step.id}`}>
                <h3 className="text-sm font-semibold">
                  {i + 1}. <span className="font-mono">{step.id}</span> · {t(`bot.kind.${step.kind}`)}
                  {step.id === draft.start && <span className={`${badgeClass} ml-2`}>{t("bot.steps.first")}</span>}
                </h3>
                <p className="mt-1 whitespace-pre-wrap text-sm text-slate-700">{summary(t, step)}</p>
                <div className="mt-2 flex flex-wrap items-start gap-2">
                  <details open={keptStep.get(step.id)!.held || undefined} className="basis-full" data-testid={`edit-step-${step.id}`}>
                    <summary className="w-fit cursor-pointer text-sm font-medium text-brand-700 underline">
                      {t("admin.common.edit")}
                      <span className="sr-only"> {step.id}</span>
                    </summary>
                    <form action={botAction} className="mt-2 grid gap-3">
                      <KeepForm id={keptStep.get(step.id)!.id} />
                      {hidden("saveStep", { stepId: step.id, kind: step.kind })}
                      <StepFields t={t} kind={step.kind} step={step} prefix={`s-${step.id}`} stepIds={stepIds} options={options} kept={keptStep.get(step.id)!} />
                      <div>
                        <button type="submit" className={buttonClass}>
                          {t("bot.steps.save")}
                          <span className="sr-only"> {step.id}</span>
                        </button>
                      </div>
                    </form>
                  </details>
                  {(["moveUp", "moveDown"] as const).map((op) => (
                    <form key={op} action={botAction}>
                      {hidden(op, { stepId: step.id })}
                      <button type="submit" className={secondaryButtonClass} disabled={op === "moveUp" ? i === 0 : i === draft.steps.length - 1}>
                        {t(`bot.steps.${op}`)}
                        <span className="sr-only"> {step.id}</span>
                      </button>
                    </form>
                  ))}
                  <form action={botAction}>
                    {hidden("removeStep", { stepId: step.id })}
                    <button type="submit" className={secondaryButtonClass}>
                      {t("bot.steps.remove")}
                      <span className="sr-only"> {step.id}</span>
                    </button>
                  </form>
                </div>
              </li>
            ))}
          </ol>
        </section>
      )}

      <section aria-labelledby="add-step-title" className={cardClass}>
        <h2 id="add-step-title" className="mb-2 text-base font-semibold">{t("bot.add.step")}</h2>
        <div className="space-y-2">
          {STEP_KINDS.map((kind) => (
            <details key={kind} open={keptAdd.get(kind)!.held || undefined} data-testid={`add-${kind}`}>
              <summary className="w-fit cursor-pointer text-sm font-medium text-brand-700 underline">{t(`bot.kind.${kind}`)}</summary>
              <form action={botAction} className="mt-2 grid gap-3">
                <KeepForm id={keptAdd.get(kind)!.id} />
                {hidden("addStep", { kind })}
                <TextField id={`new-${kind}-id`} name="newId" maxLength={40} defaultValue={keptAdd.get(kind)!.value("newId")} label={t("bot.field.stepId")} hint={t("bot.hint.stepId")} />
                <StepFields t={t} kind={kind} prefix={`new-${kind}`} stepIds={stepIds} options={options} kept={keptAdd.get(kind)!} />
                <div>
                  <button type="submit" className={buttonClass}>{t("bot.add.stepSubmit", { kind: t(`bot.kind.${kind}`) })}</button>
                </div>
              </form>
            </details>
          ))}
        </div>
      </section>

      {draft && <SettingsForm t={t} flowId={flowId} name={detail.flow.name} draft={draft} stepIds={stepIds} teams={options.teams} kept={keptSettings} />}

      <TryPane t={t} flowId={flowId} said={said} result={tried} />

      <section aria-labelledby="import-title" className={cardClass}>
        <h2 id="import-title" className="mb-2 text-base font-semibold">{t("bot.import.title")}</h2>
        <form action={botAction} className="grid gap-3">
          <KeepForm id={keptImport.id} />
          {hidden("import")}
          <TextAreaField id="import-json" name="json" required rows={6} defaultValue={keptImport.value("json")} label={t("bot.import.label")} hint={t("bot.import.hint")} />
          <div>
            <button type="submit" className={buttonClass}>{t("bot.import.submit")}</button>
          </div>
        </form>
      </section>
    </AdminFrame>
  );
}

function conversation(query: Params): Array<{ text: string; choiceId?: string }> {
  const past = (Array.isArray(query.t) ? query.t : query.t ? [query.t] : []).flatMap((raw) => {
    try {
      const v = JSON.parse(raw) as { text?: unknown; choiceId?: unknown };
      return typeof v.text === "string" ? [{ text: v.text.slice(0, 4096), ...(typeof v.choiceId === "string" ? { choiceId: v.choiceId.slice(0, 200) } : {}) }] : [];
    } catch {
      return [];
    }
  });
  let next: { text: string; choiceId?: string } | null = null;
  if (query.pick) {
    try {
      const v = JSON.parse(query.pick) as { text?: unknown; choiceId?: unknown };
      if (typeof v.text === "string" && typeof v.choiceId === "string") next = { text: v.text, choiceId: v.choiceId };
    } catch {
      next = null;
    }
  } else if (typeof query.say === "string" && query.say.trim()) {
    next = { text: query.say.slice(0, 4096) };
  }
  return [...past, ...(next ? [next] : [])].slice(0, TRY_MAX_TURNS);
}

function summary(t: Translate, step: Step): string {
  switch (step.kind) {
    case "message":
      return `${step.media ? `📎 ${step.media.fileName}\n` : ""}${step.text}\n→ ${step.next}`;
    case "menu":
      return `${step.text}\n${step.options.map((o, i) => `${i + 1}. ${o.title} → ${o.next}`).join("\n")}`;
    case "question":
      return `${step.text}\n${t("bot.field.saveTo")}: ${step.field} → ${step.next}`;
    case "condition":
      return `${t(`bot.test.${step.test.type}`)}: ${t("bot.field.then")} → ${step.then}; ${t("bot.field.else")} → ${step.else}`;
    case "handoff":
      return step.text ?? t("bot.kind.handoff");
    case "close":
      return step.text ?? t("bot.kind.close");
    case "goto":
      return `→ ${step.target}`;
  }
}

function SettingsForm({ t, flowId, name, draft, stepIds, teams, kept }: { t: Translate; flowId: number; name: string; draft: Flow; stepIds: string[]; teams: Array<{ id: number; name: string }>; kept: KeptForm }) {
  return (
    <section aria-labelledby="settings-title" className={cardClass}>
      <h2 id="settings-title" className="mb-4 text-base font-semibold">{t("bot.settings.title")}</h2>
      <form action={botAction} className="grid gap-4 sm:grid-cols-2" data-testid="flow-settings">
        <KeepForm id={kept.id} />
        <input type="hidden" name="op" value="settings" />
        <input type="hidden" name="flowId" value={flowId} />
        <TextField id="flow-name" name="name" required maxLength={80} defaultValue={kept.valueOr("name", name)} label={t("bot.field.name")} />
        <div>
          <label htmlFor="flow-start" className={labelClass}>{t("bot.field.start")}</label>
          <select id="flow-start" name="start" defaultValue={kept.valueOr("start", draft.start)} className={`${smallInputClass} mt-1 block`}>
            {stepIds.map((id) => (
              <option key={id} value={id}>{id}</option>
            ))}
          </select>
        </div>
        <TextField id="flow-keywords" name="handoffKeywords" defaultValue={kept.valueOr("handoffKeywords", draft.handoffKeywords.join(", "))} label={t("bot.field.keywords")} hint={t("bot.hint.keywords")} />
        <TextField id="flow-handoff-text" name="handoffText" defaultValue={kept.valueOr("handoffText", draft.handoffText ?? "")} label={t("bot.field.handoffText")} />
        <div>
          <label htmlFor="flow-team" className={labelClass}>{t("bot.field.team")}</label>
          <select id="flow-team" name="teamId" defaultValue={kept.valueOr("teamId", draft.teamId ? String(draft.teamId) : "")} className={`${smallInputClass} mt-1 block`}>
            <option value="">{t("bot.field.defaultTeam")}</option>
            {teams.map((tm) => (
              <option key={tm.id} value={tm.id}>{tm.name}</option>
            ))}
          </select>
        </div>
        <TextField id="flow-list-button" name="listButton" maxLength={20} defaultValue={kept.valueOr("listButton", draft.listButton ?? "")} label={t("bot.field.listButton")} />
        <TextField id="flow-no-reply-minutes" name="noReplyMinutes" type="number" min={1} max={10080} defaultValue={kept.valueOr("noReplyMinutes", String(draft.noReply.minutes))} label={t("bot.field.noReplyMinutes")} />
        <div>
          <label htmlFor="flow-no-reply-action" className={labelClass}>{t("bot.field.noReplyAction")}</label>
          <select id="flow-no-reply-action" name="noReplyAction" defaultValue={kept.valueOr("noReplyAction", draft.noReply.action)} className={`${smallInputClass} mt-1 block`}>
            <option value="close">{t("bot.noReply.close")}</option>
            <option value="handoff">{t("bot.noReply.handoff")}</option>
          </select>
        </div>
        <TextField id="flow-no-reply-text" name="noReplyText" defaultValue={kept.valueOr("noReplyText", draft.noReply.text ?? "")} label={t("bot.field.noReplyText")} className="sm:col-span-2" />
        <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-4" data-testid="flow-hours">
          <legend className={labelClass}>{t("bot.hours.title")}</legend>
          <p className="text-xs text-slate-600 sm:col-span-4">{t("bot.hours.hint")}</p>
          <TextField id="flow-hours-tz" name="hoursTimeZone" defaultValue={kept.valueOr("hoursTimeZone", draft.schedule?.timeZone ?? "")} placeholder="America/Sao_Paulo" label={t("bot.hours.timeZone")} className="sm:col-span-4" />
          {(
            [
              ["weekday", 0],
              ["saturday", 5],
              ["sunday", 6],
            ] as const
          ).map(([day, index]) => (
            <div key={day} className="flex items-end gap-2 sm:col-span-4">
              <TextField id={`flow-hours-${day}-start`} name={`${day}Start`} type="time" defaultValue={kept.valueOr(`${day}Start`, draft.schedule?.days[index]?.[0]?.start ?? "")} label={t(`bot.hours.${day}`)} />
              <TextField id={`flow-hours-${day}-end`} name={`${day}End`} type="time" defaultValue={kept.valueOr(`${day}End`, draft.schedule?.days[index]?.[0]?.end ?? "")} label={t("bot.hours.until")} />
            </div>
          ))}
        </fieldset>
        <div className="sm:col-span-2">
          <button type="submit" className={buttonClass}>{t("bot.settings.submit")}</button>
        </div>
      </form>
    </section>
  );
}
