import type { Db } from "@/db/client";
import { csvLine, CSV_COLUMNS, isoOrNull, secondsOrNull } from "@/server/domain/report-csv";
import { exportRows, type ReportQuery, type ReportViewer } from "./reports";

/**
 * The filtered range's per-chat rows as CSV lines, produced one at a time from the database's iterator:
 * a caller that writes each line as it comes (a stream, stdout) never holds the year in memory.
 */
export function* reportCsvLines(db: Db, viewer: ReportViewer, q: ReportQuery, now: number): Generator<string> {
  const { rows, reasons } = exportRows(db, viewer, q, now);
  yield csvLine(CSV_COLUMNS);
  for (const r of rows) {
    const reason = r.closeReasonId === null ? undefined : reasons.get(r.closeReasonId);
    yield csvLine([
      r.chatId,
      r.channel,
      r.assignee,
      isoOrNull(r.openedAt),
      isoOrNull(r.firstReplyAt),
      secondsOrNull(r.firstResponseMs),
      r.responseCount,
      secondsOrNull(r.responseTotalMs),
      r.messagesIn,
      r.messagesOut,
      r.transferredIn,
      r.transferredOut,
      isoOrNull(r.closedAt),
      r.closedBy,
      reason ? (reason.systemKey ?? reason.builtinKey ?? reason.label) : null,
      secondsOrNull(r.resolutionMs),
      secondsOrNull(r.firstResponseBms),
      secondsOrNull(r.resolutionBms),
      r.csatRating,
    ]);
  }
}
