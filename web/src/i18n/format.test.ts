import { describe, expect, it } from "vitest";

import { createFormatter } from "./format";

describe("createFormatter", () => {
  it("shows a time in the user's time zone", () => {
    const format = createFormatter("en-GB", "Europe/Paris");
    expect(format.dateTime("2026-03-01T08:30:00Z", { hour: "2-digit", minute: "2-digit" })).toBe("09:30");
  });

  it("formats numbers in the user's locale", () => {
    expect(createFormatter("de-DE", "UTC").number(1234.5)).toBe("1.234,5");
  });

  it("says how far away a moment is", () => {
    const now = Date.parse("2026-03-01T08:00:00Z");
    const format = createFormatter("en", "UTC");
    expect(format.relative("2026-03-01T11:00:00Z", now)).toBe("in 3 hours");
    expect(format.relative("2026-02-27T08:00:00Z", now)).toBe("2 days ago");
  });
});
