import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, setDb } from "@/db/client";
import { main } from "@/server/cli/main";
import { ingestMessage } from "@/server/services/ingest";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";
import { race } from "../support/race";

// `charla backup` and `charla restore` on real files: the round trip, the refusals, and a backup taken
// while another process keeps writing.

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

describe("backup and restore", () => {
  let t: ReturnType<typeof tempDb>;
  let previous: string | undefined;
  const out: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
  const count = (file: string, table: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    t = tempDb();
    previous = process.env.DATA_DIR;
    process.env.DATA_DIR = t.dir;
    out.length = 0;
  });
  afterEach(() => {
    setDb(undefined);
    process.env.DATA_DIR = previous;
    t.close();
  });

  it("restores a backup: later changes are gone, and the old database is kept", async () => {
    const channel = whatsappChannel(t.db);
    ingestMessage(t.db, channel, inboundText("5511900000001", "antes do backup", T0), T0);
    setDb(t.db);
    const backup = path.join(t.dir, "backup.db");
    expect(await main(["backup", backup], io)).toBe(0);
    ingestMessage(t.db, channel, inboundText("5511900000002", "depois do backup", T0 + 1), T0 + 1);
    expect(count(t.file, "messages")).toBe(2);

    // The CLI runs as its own process in real life: nothing else holds the file open.
    t.db.$client.close();
    setDb(undefined);
    expect(await main(["restore", backup], io)).toBe(0);
    expect(out.at(-1)).toMatch(/Restored .* The previous database is kept at .*before-restore/);

    const restored = openDatabase(t.file);
    try {
      const bodies = restored.$client.prepare("SELECT body FROM messages").all();
      expect(bodies).toEqual([{ body: "antes do backup" }]);
      expect(restored.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      restored.$client.close();
    }
    const kept = fs.readdirSync(t.dir).find((f) => f.startsWith("charla.db.before-restore-"))!;
    expect(count(path.join(t.dir, kept), "messages")).toBe(2);
    t.db = openDatabase(t.file); // for afterEach's close
  });

  it("refuses while the server runs, and proceeds once it is gone (even killed, leaving its pid file)", async () => {
    setDb(t.db);
    const backup = path.join(t.dir, "backup.db");
    expect(await main(["backup", backup], io)).toBe(0);
    const server = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
    fs.writeFileSync(path.join(t.dir, "charla.pid"), `${server.pid}\n`);
    expect(await main(["restore", backup], io)).toBe(2);
    expect(out.at(-1)).toBe(`Charla is running (pid ${server.pid}) on this data folder; stop it before restoring.`);
    server.kill("SIGKILL");
    await new Promise((resolve) => server.once("exit", resolve));
    t.db.$client.close();
    setDb(undefined);
    expect(await main(["restore", backup], io)).toBe(0);
    t.db = openDatabase(t.file);
  });

  it("refuses files that are not an intact Charla database", async () => {
    const notSqlite = path.join(t.dir, "notes.txt");
    fs.writeFileSync(notSqlite, "hello, not a database".repeat(100));
    expect(await main(["restore", notSqlite], io)).toBe(2);
    expect(out.at(-1)).toMatch(/cannot be opened|not a Charla database/);

    const foreign = path.join(t.dir, "other.db");
    const other = new Database(foreign);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
    other.close();
    expect(await main(["restore", foreign], io)).toBe(2);
    expect(out.at(-1)).toMatch(/not a Charla database/);
    expect(await main(["restore", path.join(t.dir, "missing.db")], io)).toBe(2);
    expect(count(t.file, "users")).toBeGreaterThanOrEqual(0); // the live database is untouched
  });

  it("takes a consistent backup while another process keeps writing", async () => {
    whatsappChannel(t.db);
    const writing = race([{ op: "write-for", file: t.file, ms: 4000 }]);
    await new Promise((r) => setTimeout(r, 1500));
    const backup = path.join(t.dir, "under-load.db");
    await run(process.execPath, ["bin/charla.mjs", "backup", backup], { cwd: ROOT, env: { ...process.env, DATA_DIR: t.dir } });
    const [outcomes] = await writing;
    const written = (outcomes![0] as { detail: number }).detail;

    const copy = new Database(backup, { readonly: true });
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(copy.pragma("foreign_key_check")).toEqual([]);
      const n = (sql: string) => (copy.prepare(sql).get() as { n: number }).n;
      const messages = n("SELECT count(*) AS n FROM messages");
      expect(messages).toBeGreaterThan(0);
      expect(messages).toBeLessThan(written);
      // Each message came with its contact and chat in one transaction: the copy has all three or none.
      expect(n("SELECT count(*) AS n FROM contacts")).toBe(messages);
      expect(n("SELECT count(*) AS n FROM chats")).toBe(messages);
      console.info(`[backup] copy holds ${messages} of the writer's ${written} messages`);
    } finally {
      copy.close();
    }
  }, 60_000);
});
