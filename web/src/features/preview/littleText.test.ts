import { describe, expect, it } from "vitest";

import { escapeLittleText, hashtagsOf, mentionsOf, previewSegments, renderLittleText } from "./littleText";

describe("escapeLittleText, as the API publishes a post", () => {
  it("escapes every reserved character", () => {
    expect(escapeLittleText("a (b) [c] {d} <e> *f* _g_ ~h~ |i| \\j")).toBe(
      "a \\(b\\) \\[c\\] \\{d\\} \\<e\\> \\*f\\* \\_g\\_ \\~h\\~ \\|i\\| \\\\j",
    );
  });

  it("keeps hashtags that start a word of letters", () => {
    expect(escapeLittleText("#python and #Überblick")).toBe("#python and #Überblick");
  });

  it("escapes a # inside a word, before a digit, or alone", () => {
    expect(escapeLittleText("C# is #1 # ok")).toBe("C\\# is \\#1 \\# ok");
  });

  it("keeps mentions verbatim and escapes an @ that is not one", () => {
    expect(escapeLittleText("Thanks @[Ada Lovelace](urn:li:person:abc_1-2) @ you")).toBe(
      "Thanks @[Ada Lovelace](urn:li:person:abc_1-2) \\@ you",
    );
  });

  it("escapes a mention whose name holds a parenthesis", () => {
    expect(escapeLittleText("@[A (B)](urn:li:person:x)")).toBe("\\@\\[A \\(B\\)\\]\\(urn:li:person:x\\)");
  });

  it("treats a # after an emoji as a word start", () => {
    expect(escapeLittleText("🚀#launch")).toBe("🚀#launch");
  });
});

describe("renderLittleText, as LinkedIn shows it", () => {
  it("shows escaped characters without their backslash", () => {
    expect(renderLittleText("a \\(b\\) \\#1 \\\\ \\@x")).toEqual([{ kind: "text", text: "a (b) #1 \\ @x" }]);
  });

  it("keeps a backslash before a character that needs no escape", () => {
    expect(renderLittleText("a\\b")).toEqual([{ kind: "text", text: "a\\b" }]);
  });

  it("shows a mention by its name", () => {
    expect(renderLittleText("Hi @[Ada](urn:li:organization:42)!")).toEqual([
      { kind: "text", text: "Hi " },
      { kind: "mention", name: "Ada", urn: "urn:li:organization:42" },
      { kind: "text", text: "!" },
    ]);
  });

  it("ends a hashtag at the first character that is not a letter or digit", () => {
    expect(renderLittleText("#my\\_tag2 #AI.")).toEqual([
      { kind: "hashtag", tag: "my" },
      { kind: "text", text: "_tag2 " },
      { kind: "hashtag", tag: "AI" },
      { kind: "text", text: "." },
    ]);
  });

  it("shows web addresses as links, without the sentence's last punctuation", () => {
    expect(renderLittleText("See https://example.com/a?b=1. Done")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", url: "https://example.com/a?b=1" },
      { kind: "text", text: ". Done" },
    ]);
  });
});

describe("previewSegments: what LinkedIn shows for what the member wrote", () => {
  it("shows reserved characters as written, hashtags and mentions as links", () => {
    expect(previewSegments("Ship it (today) with @[Ada](urn:li:person:a1) #devops")).toEqual([
      { kind: "text", text: "Ship it (today) with " },
      { kind: "mention", name: "Ada", urn: "urn:li:person:a1" },
      { kind: "text", text: " " },
      { kind: "hashtag", tag: "devops" },
    ]);
  });

  it("shows an underscore hashtag cut where LinkedIn cuts it", () => {
    expect(hashtagsOf("#growth_hacking #C2C")).toEqual(["growth", "C2C"]);
  });

  it("does not turn C# or #1 into hashtags", () => {
    expect(hashtagsOf("C# tips, #1 of 3")).toEqual([]);
  });

  it("lists mentions", () => {
    expect(mentionsOf("@[A](urn:li:person:1) and @[B](urn:li:person:2)")).toEqual([
      { name: "A", urn: "urn:li:person:1" },
      { name: "B", urn: "urn:li:person:2" },
    ]);
  });

  it("shows a backslash the member typed, as LinkedIn will", () => {
    expect(previewSegments("\\#notatag")).toEqual([{ kind: "text", text: "\\#notatag" }]);
  });
});
