import { describe, expect, it } from "vitest";

import { moveSlide, slidesOf } from "./slides";

describe("moveSlide", () => {
  it("moves a slide up and down", () => {
    expect(moveSlide(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveSlide(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
  });

  it("keeps the list when the move goes past an end", () => {
    expect(moveSlide(["a", "b"], 0, -1)).toEqual(["a", "b"]);
    expect(moveSlide(["a", "b"], 1, 5)).toEqual(["a", "b"]);
  });
});

describe("slidesOf", () => {
  it("reads the stored slides and skips what is not one", () => {
    const slides = slidesOf({ slides: [{ title: "One", body: "x" }, { body: "no title" }, { title: "Two" }] });
    expect(slides.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: "One", body: "x" },
      { title: "Two", body: "" },
    ]);
    expect(new Set(slides.map((s) => s.key)).size).toBe(2);
  });

  it("reads a deck without slides as empty", () => {
    expect(slidesOf({})).toEqual([]);
  });
});
