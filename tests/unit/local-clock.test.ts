import { describe, expect, it } from "vitest";
import { localClock } from "@/server/domain/report-stats";
import { utcToLocalDateTime } from "@/server/domain/time-zone";

// The reports bucket chats by local day, weekday and hour with offsets looked up once per UTC day (per hour
// on a day whose offset changes) and a formatter kept per zone: the answers must be those of converting
// each instant on its own, across daylight-saving changes and zones that are not whole hours.

const ZONES = ["America/Sao_Paulo", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Kathmandu", "America/St_Johns", "UTC"];

describe("localClock", () => {
  it("gives each instant its own local day, weekday and hour, through two years of offset changes", () => {
    const from = Date.UTC(2017, 0, 1);
    for (const zone of ZONES) {
      const clock = localClock(zone);
      for (let at = from; at < from + 2 * 366 * 86_400_000; at += 17 * 60_000) {
        const local = utcToLocalDateTime(at, zone);
        const expected = { day: local.slice(0, 10), weekday: new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay(), hour: Number(local.slice(11, 13)) };
        const got = clock(at);
        if (got.day !== expected.day || got.weekday !== expected.weekday || got.hour !== expected.hour) {
          expect({ zone, at: new Date(at).toISOString(), ...got }).toEqual({ zone, at: new Date(at).toISOString(), ...expected });
        }
      }
    }
  });

  it("keeps zones apart when they alternate (one formatter per zone)", () => {
    const at = Date.UTC(2026, 5, 1, 15, 0);
    expect(utcToLocalDateTime(at, "America/Sao_Paulo")).toBe("2026-06-01T12:00");
    expect(utcToLocalDateTime(at, "Asia/Tokyo")).toBe("2026-06-02T00:00");
    expect(utcToLocalDateTime(at, "America/Sao_Paulo")).toBe("2026-06-01T12:00");
    expect(utcToLocalDateTime(at, "Asia/Kathmandu")).toBe("2026-06-01T20:45");
  });
});
