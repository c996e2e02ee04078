import type { Step, StepKind } from "@/server/domain/bot/flow";
import { CONTACT_FIELDS, VALIDATIONS } from "@/server/domain/bot/flow";
import type { Translate } from "@/server/i18n/locale";
import type { EditorOptions } from "@/server/services/bot/editor-options";
import type { KeptForm } from "@/app/_lib/kept-form";
import { TextAreaField, TextField } from "../../field";
import { labelClass, smallInputClass } from "../../styles";

// The fields of one step kind, filled with a step's values (editing) or empty (adding). Plain form
// controls: what the step goes to next is a select of the other steps, so references stay valid.

interface Props {
  t: Translate;
  kind: StepKind;
  step?: Step;
  /** Unique per form on the page. */
  prefix: string;
  stepIds: string[];
  options: EditorOptions;
  /** What this form held when the server refused it: shown instead of the step's values. */
  kept: KeptForm;
}

export function StepFields({ t, kind, step, prefix, stepIds, options, kept }: Props) {
  const s = step as Partial<Record<string, unknown>> | undefined;
  const str = (k: string) => kept.valueOr(k, typeof s?.[k] === "string" ? (s[k] as string) : "");
  const num = (k: string) => kept.valueOr(k, typeof s?.[k] === "number" ? String(s[k]) : "");
  const select = (name: string, label: string, value: string, opts: Array<{ value: string; label: string }>, required = true, idSuffix = name, index = 0) => (
    <div>
      <label htmlFor={`${prefix}-${idSuffix}`} className={labelClass}>{label}</label>
      <select id={`${prefix}-${idSuffix}`} name={name} defaultValue={kept.valueOr(name, value, index)} required={required} className={`${smallInputClass} mt-1 block`}>
        {opts.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
  const stepOpts = stepIds.map((id) => ({ value: id, label: id }));
  const nextSelect = (name: string, label: string) => select(name, label, str(name) || (stepIds[0] ?? ""), stepOpts);
  const teamOpts = [{ value: "", label: t("bot.field.defaultTeam") }, ...options.teams.map((tm) => ({ value: String(tm.id), label: tm.name }))];
  const text = (required: boolean) => (
    <TextAreaField id={`${prefix}-text`} name="text" required={required} maxLength={4000} defaultValue={str("text")} label={t("bot.field.text")} hint={t("bot.hint.text")} rows={3} />
  );
  const retries = (
    <div className="grid gap-3 sm:grid-cols-3">
      <TextField id={`${prefix}-retryText`} name="retryText" defaultValue={str("retryText")} label={t("bot.field.retryText")} className="sm:col-span-3" />
      <TextField id={`${prefix}-maxRetries`} name="maxRetries" type="number" min={0} max={5} defaultValue={num("maxRetries") || "2"} label={t("bot.field.maxRetries")} />
      {select("onFail", t("bot.field.onFail"), str("onFail"), [{ value: "", label: t("bot.field.onFailHandoff") }, ...stepOpts], false)}
    </div>
  );
  const label = <TextField id={`${prefix}-label`} name="label" maxLength={60} defaultValue={str("label")} label={t("bot.field.label")} hint={t("bot.hint.label")} />;

  switch (kind) {
    case "message": {
      const media = step?.kind === "message" ? step.media : undefined;
      return (
        <>
          {label}
          {text(true)}
          <div>
            <label htmlFor={`${prefix}-mediaFile`} className={labelClass}>{t("bot.field.media")}</label>
            <input id={`${prefix}-mediaFile`} name="mediaFile" type="file" accept="image/*,application/pdf" className="mt-1 block text-sm" aria-describedby={`${prefix}-mediaFile-hint`} />
            <p id={`${prefix}-mediaFile-hint`} className="mt-1 text-xs text-slate-600">{t("bot.hint.media")}</p>
            {media && (
              <p className="mt-1 text-sm">
                {t("bot.field.mediaCurrent", { file: media.fileName })}{" "}
                <input type="hidden" name="mediaSha256" value={media.sha256} />
                <input type="hidden" name="mediaMimeType" value={media.mimeType} />
                <input type="hidden" name="mediaFileName" value={media.fileName} />
                <input type="hidden" name="mediaSize" value={media.size} />
                <label>
                  <input type="checkbox" name="mediaRemove" value="on" /> {t("bot.field.mediaRemove")}
                </label>
              </p>
            )}
          </div>
          {nextSelect("next", t("bot.field.next"))}
        </>
      );
    }
    case "menu": {
      const menu = step?.kind === "menu" ? step.options : [];
      const rows = [...menu, undefined];
      return (
        <>
          {label}
          {text(true)}
          <fieldset className="space-y-3">
            <legend className={labelClass}>{t("bot.field.options")}</legend>
            {rows.map((o, i) => (
              <div key={o?.id ?? `new-${i}`} className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-2" data-testid={`${prefix}-option-${i}`}>
                <input type="hidden" name="optionId" value={o?.id ?? ""} />
                <TextField id={`${prefix}-opt-title-${i}`} name="optionTitle" maxLength={24} defaultValue={kept.valueOr("optionTitle", o?.title ?? "", i)} label={o ? t("bot.field.optionTitle", { n: i + 1 }) : t("bot.field.newOption")} />
                <TextField id={`${prefix}-opt-desc-${i}`} name="optionDescription" maxLength={72} defaultValue={kept.valueOr("optionDescription", o?.description ?? "", i)} label={t("bot.field.optionDescription")} />
                <TextField id={`${prefix}-opt-syn-${i}`} name="optionSynonyms" defaultValue={kept.valueOr("optionSynonyms", (o?.synonyms ?? []).join(", "), i)} label={t("bot.field.synonyms")} />
                {select("optionNext", t("bot.field.next"), o?.next ?? "", stepOpts, false, `opt-next-${i}`, i)}
                {o && (
                  <label className="text-sm">
                    <input type="checkbox" name="optionRemove" value={String(i)} /> {t("bot.field.removeOption")}
                  </label>
                )}
              </div>
            ))}
          </fieldset>
          {retries}
        </>
      );
    }
    case "question": {
      const field = str("field");
      const custom = field.startsWith("custom:");
      return (
        <>
          {label}
          {text(true)}
          <div className="grid gap-3 sm:grid-cols-3">
            {select("field", t("bot.field.saveTo"), custom ? "custom" : field || "name", [...CONTACT_FIELDS.map((f) => ({ value: f, label: t(`bot.contactField.${f}`) })), { value: "custom", label: t("bot.contactField.custom") }])}
            <TextField id={`${prefix}-customField`} name="customField" defaultValue={kept.valueOr("customField", custom ? field.slice(7) : "")} label={t("bot.field.customField")} />
            {select("validate", t("bot.field.validate"), str("validate") || "not_empty", VALIDATIONS.map((v) => ({ value: v, label: t(`bot.validate.${v}`) })))}
          </div>
          {nextSelect("next", t("bot.field.next"))}
          {retries}
        </>
      );
    }
    case "condition": {
      const test = step?.kind === "condition" ? step.test : { type: "open" as const, teamId: null };
      return (
        <>
          {label}
          {select("test", t("bot.field.test"), test.type, [
            { value: "open", label: t("bot.test.open") },
            { value: "field", label: t("bot.test.field") },
            { value: "channel", label: t("bot.test.channel") },
          ])}
          <div className="grid gap-3 sm:grid-cols-3">
            {select("teamId", t("bot.field.hoursOf"), test.type === "open" && test.teamId ? String(test.teamId) : "", teamOpts, false)}
            {select("field", t("bot.field.contactField"), test.type === "field" ? test.field : "email", CONTACT_FIELDS.map((f) => ({ value: f, label: t(`bot.contactField.${f}`) })), false, "condition-field")}
            {select("op", t("bot.field.op"), test.type === "field" ? test.op : "not_empty", ["equals", "contains", "empty", "not_empty"].map((op) => ({ value: op, label: t(`bot.op.${op as "equals"}`) })), false)}
            <TextField id={`${prefix}-value`} name="value" defaultValue={kept.valueOr("value", test.type === "field" ? test.value : "")} label={t("bot.field.value")} />
          </div>
          <fieldset>
            <legend className={labelClass}>{t("bot.field.channels")}</legend>
            {(["whatsapp", "instagram", "zenvia", "webchat"] as const).map((c) => (
              <label key={c} className="mr-3 text-sm">
                <input type="checkbox" name="channels" value={c} defaultChecked={kept.held ? (kept.values("channels") ?? []).includes(c) : test.type === "channel" && test.channels.includes(c)} /> {c}
              </label>
            ))}
          </fieldset>
          <div className="grid gap-3 sm:grid-cols-2">
            {nextSelect("then", t("bot.field.then"))}
            {nextSelect("else", t("bot.field.else"))}
          </div>
        </>
      );
    }
    case "handoff":
      return (
        <>
          {label}
          {text(false)}
          <div className="grid gap-3 sm:grid-cols-2">
            {select("teamId", t("bot.field.team"), num("teamId"), teamOpts, false)}
            {select("agentId", t("bot.field.agent"), num("agentId"), [{ value: "", label: t("bot.field.anyAgent") }, ...options.agents.map((a) => ({ value: String(a.id), label: a.name }))], false)}
          </div>
        </>
      );
    case "close":
      return (
        <>
          {label}
          {text(false)}
          {select("reasonId", t("bot.field.closeReason"), num("reasonId"), [{ value: "", label: t("bot.field.resolved") }, ...options.reasons.map((r) => ({ value: String(r.id), label: r.builtinKey ? t(`reason.${r.builtinKey as "resolved"}`) : r.label }))], false)}
        </>
      );
    case "goto":
      return (
        <>
          {label}
          {nextSelect("target", t("bot.field.target"))}
        </>
      );
  }
}
