import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The operator's commands for teams (issue 13), run as a person runs them: a child process on a real DATA_DIR.
describe("charla team", () => {
  let dataDir: string;
  const charla = (...args: string[]) => spawnSync(process.execPath, ["bin/charla.mjs", ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: "utf8" });

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "charla-cli-team-"));
    expect(charla("db", "migrate").status).toBe(0);
    expect(charla("user", "add", "--email", "ana@example.com", "--name", "Ana", "--role", "agent", "--password", "password-1").status).toBe(0);
    expect(charla("user", "add", "--email", "bea@example.com", "--name", "Bea", "--role", "agent", "--password", "password-1").status).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("creates teams, sets membership, mode, hours, capacity and a channel's team; lists them as JSON", () => {
    const add = charla("team", "add", "--name", "Ventas", "--mode", "balanced", "--capacity", "4", "--json");
    expect(add.status, add.stderr).toBe(0);
    const ventas = JSON.parse(add.stdout) as { id: number };
    expect(charla("team", "member", "add", "--team", "Ventas", "--email", "ana@example.com").status).toBe(0);
    const hours = charla("team", "hours", "--team", String(ventas.id), "--time-zone", "America/Sao_Paulo", "--mon", "09:00-12:00,13:00-18:00", "--fri", "09:00-17:00", "--holidays", "2026-12-25");
    expect(hours.status, hours.stderr).toBe(0);
    expect(charla("team", "set", "--team", "Ventas", "--away-message", "Volvemos a las 9.", "--offer-seconds", "90").status).toBe(0);
    expect(charla("team", "capacity", "--email", "ana@example.com", "--capacity", "2").status).toBe(0);
    const channel = JSON.parse(charla("channel", "add", "--type", "webchat", "--name", "Site", "--json").stdout) as { id: number };
    const move = charla("team", "channel", "--channel", String(channel.id), "--team", "Ventas");
    expect(move.status, move.stderr).toBe(0);

    const list = JSON.parse(charla("team", "list", "--json").stdout) as Array<Record<string, unknown>>;
    const general = list.find((t) => t.name === "General")!;
    const team = list.find((t) => t.name === "Ventas")!;
    expect(general).toMatchObject({ isDefault: true, mode: "manual" });
    expect((general.members as Array<{ name: string }>).map((m) => m.name)).toEqual(["Ana", "Bea"]);
    expect(team).toMatchObject({ mode: "balanced", capacity: 4, offerSeconds: 90, awayMessage: "Volvemos a las 9.", channelIds: [channel.id], waiting: 0 });
    expect(team.schedule).toMatchObject({ timeZone: "America/Sao_Paulo", holidays: ["2026-12-25"] });
    expect((team.schedule as { days: unknown[][] }).days[0]).toEqual([{ start: "09:00", end: "12:00" }, { start: "13:00", end: "18:00" }]);
    expect(team.members).toEqual([{ id: expect.any(Number), name: "Ana", chosen: "available", availability: "offline", load: 0, capacity: 2 }]);
  }, 180_000);

  it("refuses bad settings with the rule's message and a non-zero exit, changing nothing", () => {
    const before = charla("team", "list", "--json").stdout;
    const zero = charla("team", "set", "--team", "Ventas", "--capacity", "0");
    expect(zero.status).toBe(1);
    expect(zero.stderr).toMatch(/Capacity must be a whole number from 1 to 100/);
    const overlap = charla("team", "hours", "--team", "Ventas", "--time-zone", "UTC", "--tue", "09:00-13:00,12:00-18:00");
    expect(overlap.status).toBe(1);
    expect(overlap.stderr).toMatch(/overlap/);
    const zone = charla("team", "hours", "--team", "Ventas", "--time-zone", "Mars/Base");
    expect(zone.stderr).toMatch(/not a time zone/);
    const empty = charla("team", "add", "--name", "Soporte");
    expect(empty.status).toBe(0);
    const emptyDefault = charla("team", "channel", "--channel", "1", "--team", "Soporte");
    expect(emptyDefault.status).toBe(1);
    expect(emptyDefault.stderr).toMatch(/has no agents/);
    const badMode = charla("team", "set", "--team", "Ventas", "--mode", "sharks");
    expect(badMode.status).toBe(2);
    const after = JSON.parse(charla("team", "list", "--json").stdout) as Array<{ name: string }>;
    expect(after.filter((t) => t.name !== "Soporte")).toEqual(JSON.parse(before));
  }, 180_000);
});
