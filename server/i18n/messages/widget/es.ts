import type { WidgetMessages as Messages } from "./en";

export const es: Messages = {
  "widget.placeholder": "",
};
