// Where a live figure goes in a text the server translated and the browser fills in (live-queue.tsx): a
// plain module, so server components read the same strings the client components replace.
export const COUNT_MARK = "\u2060count\u2060";
export const TIME_MARK = "\u2060time\u2060";
