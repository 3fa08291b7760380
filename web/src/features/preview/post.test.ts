import { describe, expect, it } from "vitest";

import { segmentText, type Segment } from "./littleText";
import { countCharacters, foldSegments, postLength, postPreview } from "./post";

const shown = (segments: Segment[]) => segments.map(segmentText).join("");

describe("countCharacters counts code points, as the API does", () => {
  it("counts plain text", () => {
    expect(countCharacters("hello")).toBe(5);
  });

  it("counts an emoji outside the BMP once, though JavaScript's length says 2", () => {
    expect("👍".length).toBe(2);
    expect(countCharacters("👍")).toBe(1);
  });

  it("counts each code point of a joined emoji and of a flag", () => {
    expect(countCharacters("👨‍👩‍👧")).toBe(5);
    expect(countCharacters("🇫🇷")).toBe(2);
  });

  it("counts a decomposed accent as two, a composed one as one", () => {
    expect(countCharacters("e\u0301")).toBe(2);
    expect(countCharacters("é")).toBe(1);
  });

  it("counts mention markup and reserved characters as written, before escaping", () => {
    expect(countCharacters("@[A](urn:li:person:1) (x)")).toBe(25);
  });
});

describe("postLength against LinkedIn's 3,000", () => {
  it("is within the limit at exactly 3,000 characters", () => {
    expect(postLength("a".repeat(3000))).toEqual({ count: 3000, limit: 3000, remaining: 0, over: false });
  });

  it("is over at 3,001, emoji counted once each", () => {
    const length = postLength("a".repeat(2999) + "👍👍");
    expect(length.count).toBe(3001);
    expect(length.over).toBe(true);
    expect(length.remaining).toBe(-1);
  });
});

describe("foldSegments: where '…see more' goes", () => {
  it("does not fold a short post", () => {
    const preview = postPreview("Short and sweet.");
    expect(preview.folded).toBe(false);
    expect(shown(preview.visible)).toBe("Short and sweet.");
  });

  it("folds a long paragraph at a word boundary before 210 characters", () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ");
    const preview = postPreview(words);
    const visible = shown(preview.visible);
    expect(preview.folded).toBe(true);
    expect(visible.length).toBeLessThanOrEqual(210);
    expect(visible.length).toBeGreaterThan(180);
    expect(words.startsWith(visible)).toBe(true);
    expect(words.charAt(visible.length)).toBe(" ");
    expect(visible + shown(preview.hidden)).toBe(words);
  });

  it("cuts a long word at 210 characters when there is no space", () => {
    const preview = postPreview("x".repeat(400));
    expect(shown(preview.visible)).toBe("x".repeat(210));
  });

  it("folds after three lines even when they are short", () => {
    const preview = postPreview("One\n\nTwo\nThree\nFour");
    expect(preview.folded).toBe(true);
    expect(shown(preview.visible)).toBe("One\n\nTwo");
    expect(shown(preview.hidden)).toBe("\nThree\nFour");
  });

  it("shows exactly three lines without folding", () => {
    expect(postPreview("One\nTwo\nThree").folded).toBe(false);
  });

  it("never splits a hashtag or a mention: the fold goes before it", () => {
    const text = `${"a".repeat(200)} #longhashtag`;
    const preview = postPreview(text);
    expect(shown(preview.visible)).toBe("a".repeat(200));
    expect(preview.hidden[0]).toEqual({ kind: "hashtag", tag: "longhashtag" });
  });

  it("counts a mention by its shown name, not its URN", () => {
    const text = `@[Ada](urn:li:person:${"z".repeat(90)}) ${"b ".repeat(100)}`;
    const preview = postPreview(text.trimEnd());
    expect(preview.visible[0]).toEqual({ kind: "mention", name: "Ada", urn: `urn:li:person:${"z".repeat(90)}` });
    expect(shown(preview.visible).length).toBeGreaterThan(180);
  });

  it("never splits an emoji, even one of several code points", () => {
    const family = "👨‍👩‍👧";
    const segments: Segment[] = [{ kind: "text", text: "a".repeat(207) + family + "tail" }];
    const folded = foldSegments(segments);
    expect(shown(folded.visible)).toBe("a".repeat(207));
  });

  it("shows reserved characters unescaped in the visible part", () => {
    const preview = postPreview(`(Note) ${"y ".repeat(150)}`);
    expect(shown(preview.visible).startsWith("(Note) y y")).toBe(true);
  });
});
