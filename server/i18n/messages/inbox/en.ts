export const en = {
  "inbox.placeholder": "",
} as const;

export type InboxMessages = Record<keyof typeof en, string>;
