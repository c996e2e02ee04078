import type { InboxMessages as Messages } from "./en";

export const es: Messages = {
  "inbox.placeholder": "",
};
