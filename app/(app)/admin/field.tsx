import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";
import { hintClass, inputClass, labelClass } from "./styles";

// A labelled control with an optional hint. The hint sits outside the <label> and is tied in with
// aria-describedby, so the control's accessible name stays just the label.

type FieldProps = { id: string; label: string; hint?: string };

export function TextField({ id, label, hint, className, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>{label}</label>
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} className={inputClass} {...input} />
      {hint && <p id={`${id}-hint`} className={hintClass}>{hint}</p>}
    </div>
  );
}

export function TextAreaField({ id, label, hint, className, ...area }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>{label}</label>
      <textarea id={id} aria-describedby={hint ? `${id}-hint` : undefined} className={inputClass} rows={4} {...area} />
      {hint && <p id={`${id}-hint`} className={hintClass}>{hint}</p>}
    </div>
  );
}
