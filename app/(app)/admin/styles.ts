// Shared class lists so every admin screen looks like the login page and the app shell.

export const buttonClass =
  "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700";
export const secondaryButtonClass =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100";
/** Destructive actions keep a plain text label; the red border is never the only signal. */
export const dangerButtonClass =
  "rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50";
export const inputClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
export const smallInputClass = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
export const labelClass = "block text-sm font-medium";
export const hintClass = "mt-1 block text-xs font-normal text-slate-600";
export const cardClass = "rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200";
export const tableClass = "w-full border-collapse text-left text-sm";
export const thClass = "border-b border-slate-200 px-3 py-2 font-semibold text-slate-700";
export const tdClass = "border-b border-slate-100 px-3 py-2 align-top";
export const captionClass = "mb-2 text-left text-base font-semibold";
export const badgeClass = "rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800";
