import { en, type MessageKey } from "./messages";

/** The dictionary keys under some prefixes ("msg."), for handing a client component only what it shows. */
export function keysWithPrefix(...prefixes: string[]): MessageKey[] {
  return (Object.keys(en) as MessageKey[]).filter((k) => prefixes.some((p) => k.startsWith(p)));
}
