import { channelFields, type ChannelKind } from "@/server/domain/channel-config";
import type { Translate } from "@/server/i18n/locale";
import { TextField } from "../field";
import { inputClass, labelClass } from "../styles";
import { controlName, fieldChoices, fieldLabels } from "./form-fields";

/**
 * The provider fields of one channel type, straight from the domain table. On edit, plain values are
 * filled in and secret boxes stay empty: a secret is never sent back to the browser.
 */
export function ChannelFields(props: { t: Translate; type: ChannelKind; idPrefix: string; current?: Record<string, string>; kept?: (name: string) => string | undefined }) {
  const { t, type, current, kept } = props;
  const editing = current !== undefined;
  return (
    <>
      {channelFields[type].map((spec) => {
        const id = `${props.idPrefix}-${spec.key}`;
        const label = `${t(fieldLabels[spec.key] ?? "admin.channels.field.name")} (${t(spec.required ? "admin.common.required" : "admin.common.optional")})`;
        const choices = fieldChoices[spec.key];
        if (choices) {
          return (
            <div key={spec.key}>
              <label htmlFor={id} className={labelClass}>{label}</label>
              <select id={id} name={controlName(spec.key)} defaultValue={kept?.(controlName(spec.key)) ?? current?.[spec.key] ?? choices[0]} className={inputClass}>
                {choices.map((c) => (
                  <option key={c} value={c}>{t(`admin.channels.type.${c}`)}</option>
                ))}
              </select>
            </div>
          );
        }
        const hint =
          editing && spec.secret
            ? t("admin.channels.hint.keepSecret")
            : spec.generate && !editing
              ? t("admin.channels.hint.generate")
              : spec.key === "allowedOrigins"
                ? t("admin.channels.hint.origins")
                : spec.default
                  ? t("admin.channels.hint.default", { value: spec.default })
                  : spec.routing && spec.pattern?.test("123")
                    ? t("admin.channels.hint.digits")
                    : undefined;
        return (
          <TextField
            key={spec.key}
            id={id}
            name={controlName(spec.key)}
            label={label}
            hint={hint}
            type={spec.secret ? "password" : "text"}
            autoComplete={spec.secret ? "new-password" : "off"}
            spellCheck={false}
            required={spec.required && !(editing && spec.secret)}
            // A refused form comes back as typed (app/_lib/kept-form.ts), secrets excepted.
            defaultValue={spec.secret ? undefined : (kept?.(controlName(spec.key)) ?? current?.[spec.key])}
          />
        );
      })}
    </>
  );
}

