import type { Db } from "@/db/client";
import { isExecutable } from "@/server/domain/media-limits";
import { findChannel } from "@/server/repositories/channels";
import { claimAttachment, duePendingAttachmentIds, updateAttachment } from "@/server/repositories/media-queue";
import { downloadMedia, type MediaFetch } from "@/server/services/media-download";
import { storeMediaBytes } from "@/server/services/media-store";
import { registerKick } from "./kick";

// Downloads inbound attachments after their webhook was acknowledged, stores them by content hash and
// marks them ready, or failed after a few tries. A download cut short by a restart is simply redone
// once its lease runs out: storing by hash makes a second download harmless.

export const MEDIA_MAX_ATTEMPTS = 5;
const LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 30_000;

export interface MediaRunOptions {
  now?: () => number;
  fetchImpl?: MediaFetch;
  batch?: number;
}

export async function runMediaDownloads(db: Db, options: MediaRunOptions = {}): Promise<{ ready: number; failed: number; retrying: number }> {
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetchImpl ?? ((url, init) => fetch(url, init));
  const report = { ready: 0, failed: 0, retrying: 0 };
  for (const id of duePendingAttachmentIds(db, now(), options.batch ?? 5)) {
    const claimed = db.transaction((tx) => claimAttachment(tx, id, now(), LEASE_MS), { behavior: "immediate" });
    if (!claimed) continue;
    const channel = findChannel(db, claimed.channelId);
    const result = channel && claimed.providerMediaId
      ? await downloadMedia(channel, claimed.providerMediaId, fetchImpl)
      : { ok: false as const, retryable: false, reason: "Nothing to download." };

    if (result.ok) {
      const mimeType = claimed.mimeType ?? result.mimeType ?? "application/octet-stream";
      if (isExecutable(claimed.fileName ?? "", mimeType)) {
        updateAttachment(db, id, { status: "failed", failureReason: "Programs and scripts are not kept.", nextAttemptAt: null });
        report.failed += 1;
        continue;
      }
      const stored = storeMediaBytes(result.bytes);
      updateAttachment(db, id, { status: "ready", sha256: stored.sha256, size: stored.size, mimeType, failureReason: null, nextAttemptAt: null });
      report.ready += 1;
    } else if (result.retryable && claimed.attempts < MEDIA_MAX_ATTEMPTS) {
      updateAttachment(db, id, { failureReason: result.reason, nextAttemptAt: now() + FIRST_RETRY_MS * 2 ** (claimed.attempts - 1) });
      report.retrying += 1;
    } else {
      updateAttachment(db, id, { status: "failed", failureReason: result.reason, nextAttemptAt: null });
      report.failed += 1;
    }
  }
  return report;
}

const TICK_MS = 5_000;

export function startMediaDownloads(db: Db): void {
  let running = false;
  const run = (): void => {
    if (running) return;
    running = true;
    runMediaDownloads(db)
      .catch((err: unknown) => console.error("[media] failed:", err))
      .finally(() => (running = false));
  };
  setInterval(run, TICK_MS).unref();
  registerKick("media", run);
}
