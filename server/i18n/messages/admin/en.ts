export const en = {
  "admin.placeholder": "",
} as const;

export type AdminMessages = Record<keyof typeof en, string>;
