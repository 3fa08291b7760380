import { describe, expect, it } from "vitest";

import { describeAgent } from "./agent";

describe("describeAgent", () => {
  it("names Chrome on Linux", () => {
    expect(
      describeAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"),
    ).toEqual({ browser: "Chrome", system: "Linux" });
  });
  it("tells Edge from Chrome and Safari on an iPhone", () => {
    expect(describeAgent("Mozilla/5.0 (Windows NT 10.0) Chrome/120 Safari/537.36 Edg/120")?.browser).toBe("Edge");
    expect(describeAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17 Safari/604.1")).toEqual({
      browser: "Safari",
      system: "iOS",
    });
  });
  it("gives nothing for an empty or unknown agent", () => {
    expect(describeAgent(null)).toBeNull();
    expect(describeAgent("something")).toBeNull();
  });
});
