import type { Db } from "@/db/client";
import type { ChangeRecord } from "@/server/domain/live-view";
import { changesAfter, latestChangeSeq } from "@/server/repositories/changes";
import { dataVersion } from "@/server/repositories/data-version";

// The recent change sequence, kept in memory per connection so that the polls of every open tab read it
// from an array: the table is read only when the database changed since the last look (data_version and
// total_changes, two tiny statements), and then only past the newest row already held. A poll from before
// the oldest row held (a slept laptop, a server restart) cannot be answered as a delta and resyncs.

const KEEP = 20_000;
const READ_BATCH = 5_000;

interface Feed {
  version: string;
  /** Changes with seq > floor are all in `rows`. */
  floor: number;
  latest: number;
  rows: ChangeRecord[];
}

const feeds = new WeakMap<Db["$client"], Feed>();

function sync(db: Db): Feed {
  const version = dataVersion(db);
  let feed = feeds.get(db.$client);
  if (!feed) {
    // Start from what the table still holds (up to KEEP rows), so tabs open across a restart resume.
    const latest = latestChangeSeq(db);
    const rows = latest > 0 ? changesAfter(db, Math.max(0, latest - KEEP), KEEP) : [];
    feed = { version, floor: rows.length ? rows[0]!.seq - 1 : latest, latest: rows.at(-1)?.seq ?? latest, rows };
    feeds.set(db.$client, feed);
    return feed;
  }
  if (feed.version === version) return feed;
  feed.version = version;
  for (;;) {
    const more = changesAfter(db, feed.latest, READ_BATCH);
    if (!more.length) break;
    for (const row of more) feed.rows.push(row);
    feed.latest = more[more.length - 1]!.seq;
    if (more.length < READ_BATCH) break;
  }
  if (feed.rows.length > KEEP) {
    const dropped = feed.rows.splice(0, feed.rows.length - KEEP);
    feed.floor = dropped[dropped.length - 1]!.seq;
  }
  return feed;
}

/** The newest change's sequence number. */
export function latestSeq(db: Db): number {
  return sync(db).latest;
}

/** The changes after `since`, or null when they are no longer all known (the caller resyncs). */
export function changesSince(db: Db, since: number): { latest: number; changes: ChangeRecord[] | null } {
  const feed = sync(db);
  if (since === feed.latest) return { latest: feed.latest, changes: [] };
  // A tab ahead of the database: it was restored from a backup. Its view is from another history.
  if (since > feed.latest) return { latest: feed.latest, changes: null };
  if (since < feed.floor) return { latest: feed.latest, changes: null };
  // Binary search: the rows are in seq order.
  let lo = 0;
  let hi = feed.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (feed.rows[mid]!.seq <= since) lo = mid + 1;
    else hi = mid;
  }
  return { latest: feed.latest, changes: feed.rows.slice(lo) };
}
