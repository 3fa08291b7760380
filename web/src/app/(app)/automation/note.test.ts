import { describe, expect, it } from "vitest";

import { fillNote, noteLength, unknownPlaceholders } from "./note";

const ada = { name: "Ada Lovelace", company: "Analytical Engines", headline: "Mathematician" };

describe("fillNote", () => {
  it("fills every placeholder the way the server does", () => {
    expect(fillNote("Hi {first_name} {last_name} of {company} ({headline}) — {name}", ada)).toBe(
      "Hi Ada Lovelace of Analytical Engines (Mathematician) — Ada Lovelace",
    );
  });
  it("gives a one-word name as the first name and trims the result", () => {
    expect(fillNote("  Hi {first_name}{last_name}  ", { ...ada, name: "Plato" })).toBe("Hi Plato");
  });
});

describe("noteLength", () => {
  it("counts an emoji as one character", () => {
    expect(noteLength("Hi 👋")).toBe(4);
  });
});

describe("unknownPlaceholders", () => {
  it("names look-alikes that would be sent as typed", () => {
    expect(unknownPlaceholders("Hi {firstname}, {company} {firstname}")).toEqual(["{firstname}"]);
  });
});
