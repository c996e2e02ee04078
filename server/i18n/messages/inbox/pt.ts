import type { InboxMessages as Messages } from "./en";

export const pt: Messages = {
  "inbox.placeholder": "",
};
