// The per-chat CSV: one header, then one line per chat. Times are ISO 8601 in UTC and durations whole
// seconds, so a spreadsheet or a script reads them without knowing the viewer's language or zone.

export const CSV_COLUMNS = [
  "chat_id",
  "channel",
  "agent",
  "opened_at",
  "first_reply_at",
  "first_response_s",
  "responses",
  "response_total_s",
  "messages_in",
  "messages_out",
  "transferred_in",
  "transferred_out",
  "closed_at",
  "closed_by",
  "close_reason",
  "resolution_s",
  "first_response_business_s",
  "resolution_business_s",
  "csat",
] as const;

export type CsvValue = string | number | null;

/** RFC 4180 quoting, and a leading =, +, - or @ defused so a spreadsheet never runs a name as a formula. */
export function csvField(value: CsvValue): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvLine = (values: readonly CsvValue[]) => `${values.map(csvField).join(",")}\r\n`;

export const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const secondsOrNull = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
