import type { AdminMessages as Messages } from "./en";

export const pt: Messages = {
  "admin.placeholder": "",
};
