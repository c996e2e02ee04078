import type { AdminMessages as Messages } from "./en";

export const es: Messages = {
  "admin.placeholder": "",
};
