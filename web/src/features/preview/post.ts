/**
 * The numbers of a LinkedIn post preview: how long it is against LinkedIn's limit, and where the feed
 * folds it behind "…see more".
 */
import { previewSegments, segmentText, type Segment } from "./littleText";

/** LinkedIn's limit for a post's text (the API refuses longer ones: `MAX_COMMENTARY_LENGTH`). */
export const MAX_POST_CHARACTERS = 3000;
/** The feed shows about this many characters before "…see more" (the API's `FOLD_AFTER`). */
export const FOLD_AFTER_CHARACTERS = 210;
/** …or this many lines, whichever comes first. */
export const FOLD_AFTER_LINES = 3;

/**
 * A post's length as the API counts it: Unicode code points of the text as written (Python's `len`), so
 * the page and the API agree on when a post is too long. An emoji such as 👍 is one character (two
 * UTF-16 units in JavaScript's `length`); an emoji built from several code points (a flag, a family
 * joined with zero-width joiners, a skin tone) counts each of them, as the API does.
 */
export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

export type PostLength = { count: number; limit: number; remaining: number; over: boolean };

export function postLength(text: string, limit = MAX_POST_CHARACTERS): PostLength {
  const count = countCharacters(text);
  return { count, limit, remaining: limit - count, over: count > limit };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The longest prefix of `text` of at most `max` code points that does not split a grapheme. */
function prefixOf(text: string, max: number): string {
  let out = "";
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = countCharacters(segment);
    if (used + size > max) break;
    out += segment;
    used += size;
  }
  return out;
}

export type FoldedPreview = {
  /** What the feed shows before "…see more" (all of it when `folded` is false). */
  visible: Segment[];
  /** What "…see more" reveals. */
  hidden: Segment[];
  folded: boolean;
};

/**
 * Where the feed folds a post: after {@link FOLD_AFTER_CHARACTERS} visible characters or
 * {@link FOLD_AFTER_LINES} lines, whichever comes first. Characters are those a reader sees (a mention
 * counts its name, not its URN). The cut goes back to the last space when there is one in the fold's
 * last 30 characters, never splits a hashtag, a mention, a link or an emoji, and drops the space it
 * stops at.
 */
export function foldSegments(
  segments: Segment[],
  { maxCharacters = FOLD_AFTER_CHARACTERS, maxLines = FOLD_AFTER_LINES } = {},
): FoldedPreview {
  const visible: Segment[] = [];
  let used = 0;
  let lines = 1;
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index]!;
    const text = segmentText(segment);
    const size = countCharacters(text);
    const room = maxCharacters - used;
    if (segment.kind !== "text") {
      if (size > room) return cut(segments, visible, index, null);
      visible.push(segment);
      used += size;
      continue;
    }
    // The end of the allowed lines may come before the end of the characters.
    let lineEnd = -1;
    let at = -1;
    let newLines = lines;
    while ((at = text.indexOf("\n", at + 1)) !== -1) {
      newLines += 1;
      if (newLines > maxLines) {
        lineEnd = at;
        break;
      }
    }
    const candidate = lineEnd === -1 ? text : text.slice(0, lineEnd);
    if (countCharacters(candidate) <= room && lineEnd === -1) {
      visible.push(segment);
      used += size;
      lines = newLines;
      continue;
    }
    let kept = prefixOf(candidate, room);
    if (kept.length < candidate.length) {
      const space = kept.search(/\s\S*$/u);
      if (space !== -1 && countCharacters(kept.slice(space)) <= 30) kept = kept.slice(0, space);
    }
    kept = kept.replace(/\s+$/u, "");
    return cut(segments, visible, index, kept);
  }
  return { visible, hidden: [], folded: false };
}

function cut(segments: Segment[], visible: Segment[], index: number, kept: string | null): FoldedPreview {
  const rest = segments.slice(index);
  if (kept === null) return { visible: trimEnd(visible), hidden: rest, folded: true };
  const first = rest[0];
  const hidden =
    first && first.kind === "text" ? [{ kind: "text" as const, text: first.text.slice(kept.length) }, ...rest.slice(1)] : rest;
  return { visible: trimEnd(kept ? [...visible, { kind: "text", text: kept }] : visible), hidden, folded: true };
}

/** Trailing spaces and line breaks before "…see more" are not shown. */
function trimEnd(segments: Segment[]): Segment[] {
  const out = [...segments];
  const last = out.at(-1);
  if (last?.kind === "text") {
    const text = last.text.replace(/\s+$/u, "");
    if (text) out[out.length - 1] = { kind: "text", text };
    else out.pop();
  }
  return out;
}

export type PostPreview = FoldedPreview & { length: PostLength; segments: Segment[] };

/** Everything the preview shows for a post written as `raw`. */
export function postPreview(raw: string): PostPreview {
  const segments = previewSegments(raw.replace(/\r\n?/g, "\n"));
  return { ...foldSegments(segments), length: postLength(raw), segments };
}
