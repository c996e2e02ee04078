export const en = {
  "widget.placeholder": "",
} as const;

export type WidgetMessages = Record<keyof typeof en, string>;
