import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { perDataVersion } from "@/server/repositories/data-version";
import { pendingCounts } from "@/server/repositories/inbox";
import { readSettings, writeSetting } from "@/server/repositories/settings";
import { listChannels } from "@/server/repositories/channels";
import { acceptInbound, fileAllDueInbound } from "@/server/services/inbound-queue";
import { queueCounts } from "@/server/services/routing/overview";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// The counters every poll reads are computed once per state of the database (perDataVersion) and shared by
// the polls that see that state. A commit from anywhere — this connection, another connection (the job
// thread files on its own), another process — must give the next reader fresh figures.

describe("aggregates kept per state of the database", () => {
  let t: ReturnType<typeof tempDb>;
  let other: Db;
  beforeEach(() => {
    t = tempDb();
    other = openDatabase(t.file, { migrate: false });
    whatsappChannel(t.db);
  });
  afterEach(() => {
    other.$client.close();
    t.close();
  });

  const receive = (db: Db, phone: string) => {
    acceptInbound(db, [{ channel: listChannels(db)[0]!, event: inboundText(phone, "oi", T0) }], T0);
    fileAllDueInbound(db, T0);
  };

  it("the pending and queue counts follow writes from this connection and from another one", async () => {
    const admin = await makeUser(t.db, "admin");
    receive(t.db, "5511900000001");
    expect(pendingCounts(t.db, admin.id)).toMatchObject({ all: 1, unassigned: 1, mine: 0 });
    const queued = queueCounts(t.db, admin).reduce((n, q) => n + q.waiting, 0);
    expect(queued).toBe(1);

    // Filed by another connection: this one learns of it through data_version.
    receive(other, "5511900000002");
    expect(pendingCounts(t.db, admin.id)).toMatchObject({ all: 2, unassigned: 2 });
    expect(queueCounts(t.db, admin).reduce((n, q) => n + q.waiting, 0)).toBe(2);

    // Assigned to the admin on this connection: the shared sums stay, the viewer's own count moves.
    t.db.$client.prepare("UPDATE chats SET assignee_id = ? WHERE id = (SELECT min(id) FROM chats)").run(admin.id);
    expect(pendingCounts(t.db, admin.id)).toMatchObject({ all: 2, unassigned: 1, mine: 1, teammates: 0 });
    expect(queueCounts(t.db, admin).reduce((n, q) => n + q.waiting, 0)).toBe(1);
  });

  it("settings changed by another connection are read at once", () => {
    expect(readSettings(t.db).sharedInbox).toBe(true);
    writeSetting(other, "sharedInbox", false, T0);
    expect(readSettings(t.db).sharedInbox).toBe(false);
  });

  it("computes once while nothing is written, and hands out copies of the settings", () => {
    let computed = 0;
    const read = () => perDataVersion(t.db, "test", () => ++computed);
    expect([read(), read(), read()]).toEqual([1, 1, 1]);
    t.db.$client.prepare("UPDATE settings SET updated_at = updated_at").run();
    writeSetting(other, "pollIntervalSeconds", 7, T0);
    expect(read()).toBe(2);
    const settings = readSettings(t.db);
    settings.pollIntervalSeconds = 99;
    expect(readSettings(t.db).pollIntervalSeconds).toBe(7);
  });
});
