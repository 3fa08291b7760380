import { describe, expect, it } from "vitest";

import { utcToZonedLocal, zonedLocalToUtc } from "./zonedTime";

describe("zonedLocalToUtc", () => {
  it("reads a wall time in the given zone, not the browser's", () => {
    expect(zonedLocalToUtc("2026-07-01T09:30", "Europe/Paris")).toBe("2026-07-01T07:30:00.000Z");
    expect(zonedLocalToUtc("2026-01-15T09:30", "America/New_York")).toBe("2026-01-15T14:30:00.000Z");
    expect(zonedLocalToUtc("2026-01-15T09:30", "UTC")).toBe("2026-01-15T09:30:00.000Z");
  });

  it("moves a time skipped by the spring jump forward", () => {
    // 02:30 does not exist in Paris on 29 March 2026: clocks go from 02:00 to 03:00.
    expect(zonedLocalToUtc("2026-03-29T02:30", "Europe/Paris")).toBe("2026-03-29T01:30:00.000Z");
  });

  it("takes the first of a time that happens twice in autumn", () => {
    expect(zonedLocalToUtc("2026-10-25T02:30", "Europe/Paris")).toBe("2026-10-25T00:30:00.000Z");
  });

  it("refuses what is not a datetime-local value", () => {
    expect(zonedLocalToUtc("tomorrow", "UTC")).toBeNull();
  });
});

describe("utcToZonedLocal", () => {
  it("shows an instant on the zone's clocks", () => {
    expect(utcToZonedLocal("2026-07-01T07:30:00Z", "Europe/Paris")).toBe("2026-07-01T09:30");
    expect(utcToZonedLocal(Date.parse("2026-01-15T14:30:00Z"), "America/New_York")).toBe("2026-01-15T09:30");
  });
});
