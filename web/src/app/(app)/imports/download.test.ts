import { describe, expect, it } from "vitest";

import { templateCsv } from "./download";

describe("templateCsv", () => {
  it("names the columns the import reads and quotes cells with commas", () => {
    const csv = templateCsv("2030-01-14 09:00");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("text,time,media");
    expect(lines[1]).toBe(
      '"What I learned shipping our first release: small scope, short feedback loops.",2030-01-14 09:00,',
    );
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain(",next,");
  });
});
