import type { Db } from "@/db/client";
import type { Viewer } from "@/server/domain";
import { dataVersion } from "@/server/repositories/data-version";
import { sectionCounts, type SectionCounts } from "./inbox";

export type PollAnswer = { changed: false; version: string } | ({ changed: true; version: string } & SectionCounts);

/** What the browser polls: nothing but a version when nothing changed, the counters when something did. */
export function poll(db: Db, viewer: Viewer, knownVersion: string | null): PollAnswer {
  const version = `${dataVersion(db)}.${viewer.id}`;
  if (knownVersion === version) return { changed: false, version };
  return { changed: true, version, ...sectionCounts(db, viewer) };
}
