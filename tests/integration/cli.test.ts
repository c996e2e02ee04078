import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";

// The CLI runs as a person runs it: a child process on a real DATA_DIR.
describe("charla CLI", () => {
  let dataDir: string;
  const charla = (...args: string[]) =>
    spawnSync(process.execPath, ["bin/charla.mjs", ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: "utf8" });

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "charla-cli-"));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("migrates, then adds and lists users", () => {
    const migrate = charla("db", "migrate");
    expect(migrate.status).toBe(0);
    expect(migrate.stdout).toMatch(/up to date/);
    const add = charla("user", "add", "--email", "Luis@Example.com", "--name", "Luis", "--role", "agent", "--password", "password-1");
    expect(add.status, add.stderr).toBe(0);
    const list = JSON.parse(charla("user", "list", "--json").stdout);
    expect(list).toEqual([{ id: expect.any(Number), name: "Luis", email: "luis@example.com", role: "agent", active: true }]);
  });

  it("refuses bad arguments with a clear message and a non-zero exit", () => {
    const badRole = charla("user", "add", "--email", "x@example.com", "--name", "X", "--role", "boss", "--password", "password-1");
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be admin or agent/);
    const unknown = charla("frobnicate");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command/);
    const missing = charla("channel", "add", "--type", "whatsapp", "--name", "WA");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/needs --phone-number-id/);
  });

  it("adds a channel and prints its id and webhook URL as JSON, deactivates a user, sets a setting", () => {
    const out = charla("channel", "add", "--type", "zenvia", "--name", "Zenvia WA", "--sender-id", "551130001234", "--zenvia-channel", "whatsapp", "--api-token", "tok-123456", "--json");
    expect(out.status, out.stderr).toBe(0);
    const channel = JSON.parse(out.stdout);
    expect(channel.webhookUrl).toBe(`http://localhost:3000/api/webhooks/zenvia/${channel.id}`);
    expect(channel.secrets.apiToken).toBe("••••3456");
    expect(JSON.stringify(channel)).not.toContain("tok-123456");
    expect(charla("user", "deactivate", "--email", "luis@example.com").status).toBe(0);
    expect(charla("settings", "set", "inactivityMinutes", "never").stdout.trim()).toBe("inactivityMinutes=never");
    expect(charla("settings", "set", "inactivityMinutes", "soon").status).toBe(1);
    const db = new Database(path.join(dataDir, "charla.db"), { readonly: true });
    expect(db.prepare("SELECT active FROM users WHERE email = 'luis@example.com'").get()).toEqual({ active: 0 });
    db.close();
  });

  it("files webhook deliveries left in the inbound queue, then runs the lifecycle jobs", () => {
    expect(charla("db", "migrate").status).toBe(0);
    const db = new Database(path.join(dataDir, "charla.db"));
    const channelId = Number(db.prepare("INSERT INTO channels (type, name, external_id, config, secrets, active, created_at) VALUES ('whatsapp', 'WA queue', '5550001', '{}', '{}', 1, 1) RETURNING id").pluck().get());
    const event = { type: "message", channelExternalId: "5550001", contact: { externalId: "5511977776666", name: "Fila" }, providerMessageId: "wamid.cli-queue", timestamp: Date.now(), direction: "in", kind: "text", body: "left in the queue" };
    db.prepare("INSERT INTO inbound_queue (events, received_at) VALUES (?, ?)").run(JSON.stringify([{ channelId, event }]), Date.now());
    db.close();
    const run = charla("jobs", "run-once");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Webhook deliveries filed: 1; waiting: 0\./);
    expect(run.stdout).toMatch(/Reminders due: 0\./);
    expect(run.stdout).toMatch(/Offers expired: 0; withdrawn: 0\. Chats distributed: 0\./);
    const after = new Database(path.join(dataDir, "charla.db"), { readonly: true });
    expect(after.prepare("SELECT body FROM messages WHERE provider_message_id = 'wamid.cli-queue'").pluck().get()).toBe("left in the queue");
    after.close();
  });

  it("backs up to a consistent copy that opens with the same rows", () => {
    const file = path.join(dataDir, "backup.db");
    const out = charla("backup", file);
    expect(out.status, out.stderr).toBe(0);
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare("SELECT email FROM users").all()).toEqual([{ email: "luis@example.com" }]);
    copy.close();
    expect(charla("backup", file).status).toBe(2); // never overwrites
  });

  it("prints the first administrator's generated password once on init", () => {
    const first = execFileSync(process.execPath, ["bin/charla.mjs", "init"], { env: { ...process.env, DATA_DIR: dataDir, ADMIN_EMAIL: "", ADMIN_PASSWORD: "" } }).toString();
    expect(first).toMatch(/password: [A-Za-z0-9]{20}/);
    const second = charla("init");
    expect(second.stdout).not.toMatch(/password/);
  });
});
