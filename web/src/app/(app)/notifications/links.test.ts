import { describe, expect, it } from "vitest";

import { notificationHref } from "./links";

describe("notificationHref", () => {
  it("opens the app's page for what the notification is about", () => {
    expect(notificationHref("/compliance")).toBe("/compliance/");
    expect(notificationHref("/settings/security")).toBe("/settings/security/");
    expect(notificationHref("/settings/linkedin")).toBe("/linkedin/");
    expect(notificationHref("/schedule/0b0e5a1c-7f7e-4c4a-9d4e-1b2c3d4e5f60")).toBe(
      "/calendar/?publication=0b0e5a1c-7f7e-4c4a-9d4e-1b2c3d4e5f60",
    );
  });
  it("keeps a query and a trailing slash", () => {
    expect(notificationHref("/compose/?id=abc")).toBe("/compose/?id=abc");
  });
  it("never links to another site", () => {
    expect(notificationHref("https://example.com/x")).toBeNull();
    expect(notificationHref("//example.com")).toBeNull();
    expect(notificationHref(null)).toBeNull();
  });
});
