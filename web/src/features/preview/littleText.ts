/**
 * LinkedIn's "little text" format, as the API sends a post's text and as LinkedIn shows it.
 *
 * A post is stored as the member wrote it. When it is published, the API escapes it
 * (`domain/linkedin/little_text.py`): every one of `\ | { } @ [ ] ( ) < > # * _ ~` gets a backslash,
 * except mentions written `@[Name](urn:li:person:…)` and a `#` that starts a word of letters (a hashtag).
 * {@link escapeLittleText} is the same rule, so the preview renders exactly what LinkedIn receives;
 * {@link renderLittleText} is how LinkedIn shows that: escapes dropped, hashtags and mentions as links.
 */

export const RESERVED = "\\|{}@[]()<>#*_~";

/** A name may not contain brackets, parentheses, backslashes or line breaks (they would end it early). */
const MENTION = /@\[([^[\]()\\\n]{1,200})\]\((urn:li:(?:person|organization):[A-Za-z0-9_-]{1,100})\)/y;
const LETTER = /^\p{L}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const URL = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]}'"]/gu;

export type Segment =
  | { kind: "text"; text: string }
  | { kind: "link"; url: string }
  | { kind: "hashtag"; tag: string }
  | { kind: "mention"; name: string; urn: string };

/** The code point ending just before UTF-16 index `i` ("" at the start). */
function pointBefore(text: string, i: number): string {
  if (i <= 0) return "";
  const low = text.charCodeAt(i - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? i - 2 : i - 1;
  return String.fromCodePoint(text.codePointAt(start) ?? 0);
}

/** The code point starting at UTF-16 index `i` ("" past the end). */
function pointAt(text: string, i: number): string {
  const code = text.codePointAt(i);
  return code === undefined ? "" : String.fromCodePoint(code);
}

/** `text[i] === "#"` begins a hashtag: at a word start and followed by a letter (`C#`, `#1` are not). */
function isHashtagStart(text: string, i: number): boolean {
  if (!LETTER.test(pointAt(text, i + 1))) return false;
  const prev = pointBefore(text, i);
  return prev === "" || !(LETTER_OR_DIGIT.test(prev) || "_#\\".includes(prev));
}

function mentionAt(text: string, i: number): RegExpExecArray | null {
  MENTION.lastIndex = i;
  return MENTION.exec(text);
}

/** The text in little-text format, as the API publishes it (the same rule as the domain's). */
export function escapeLittleText(raw: string): string {
  let out = "";
  let i = 0;
  while (i < raw.length) {
    const ch = pointAt(raw, i);
    if (ch === "@") {
      const mention = mentionAt(raw, i);
      if (mention) {
        out += mention[0];
        i += mention[0].length;
        continue;
      }
    }
    if (ch === "#" && isHashtagStart(raw, i)) out += ch;
    else if (RESERVED.includes(ch)) out += `\\${ch}`;
    else out += ch;
    i += ch.length;
  }
  return out;
}

function pushText(segments: Segment[], text: string): void {
  if (!text) return;
  const last = segments.at(-1);
  if (last?.kind === "text") last.text += text;
  else segments.push({ kind: "text", text });
}

/** Web addresses in plain text become links, as LinkedIn's feed shows them. */
function splitLinks(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    if (segment.kind !== "text") {
      out.push(segment);
      continue;
    }
    let last = 0;
    for (const match of segment.text.matchAll(URL)) {
      const start = match.index ?? 0;
      if (start > last) out.push({ kind: "text", text: segment.text.slice(last, start) });
      out.push({ kind: "link", url: match[0] });
      last = start + match[0].length;
    }
    if (last < segment.text.length) out.push({ kind: "text", text: segment.text.slice(last) });
  }
  return out;
}

/**
 * How LinkedIn shows a little-text string: a backslash before a reserved character is dropped and the
 * character shown as itself; an unescaped `#` followed by letters or digits is a hashtag (it ends at the
 * first other character, so `#my\_tag` shows the hashtag `#my` then `_tag`); `@[Name](urn:…)` shows
 * `Name` as a mention.
 */
export function renderLittleText(little: string): Segment[] {
  const segments: Segment[] = [];
  let i = 0;
  while (i < little.length) {
    const ch = pointAt(little, i);
    if (ch === "\\") {
      const next = pointAt(little, i + 1);
      if (next && RESERVED.includes(next)) {
        pushText(segments, next);
        i += 1 + next.length;
        continue;
      }
    }
    if (ch === "@") {
      const mention = mentionAt(little, i);
      if (mention) {
        segments.push({ kind: "mention", name: mention[1] ?? "", urn: mention[2] ?? "" });
        i += mention[0].length;
        continue;
      }
    }
    if (ch === "#" && LETTER.test(pointAt(little, i + 1))) {
      let j = i + 1;
      while (j < little.length && LETTER_OR_DIGIT.test(pointAt(little, j))) j += pointAt(little, j).length;
      segments.push({ kind: "hashtag", tag: little.slice(i + 1, j) });
      i = j;
      continue;
    }
    pushText(segments, ch);
    i += ch.length;
  }
  return splitLinks(segments);
}

/** What LinkedIn shows for a post written as `raw`: the text the API publishes, rendered. */
export function previewSegments(raw: string): Segment[] {
  return renderLittleText(escapeLittleText(raw));
}

/** The characters a reader sees for a segment. */
export function segmentText(segment: Segment): string {
  switch (segment.kind) {
    case "text":
      return segment.text;
    case "link":
      return segment.url;
    case "hashtag":
      return `#${segment.tag}`;
    case "mention":
      return segment.name;
  }
}

/** The hashtags a raw text publishes, in order, without `#`. */
export function hashtagsOf(raw: string): string[] {
  return previewSegments(raw).flatMap((s) => (s.kind === "hashtag" ? [s.tag] : []));
}

/** The mentions a raw text publishes, in order. */
export function mentionsOf(raw: string): Array<{ name: string; urn: string }> {
  return previewSegments(raw).flatMap((s) => (s.kind === "mention" ? [{ name: s.name, urn: s.urn }] : []));
}
