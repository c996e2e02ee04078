import type { WidgetMessages as Messages } from "./en";

export const pt: Messages = {
  "widget.placeholder": "",
};
