// Counting "characters as people see them": grapheme clusters, via Intl.Segmenter.
// A thumbs-up with a skin tone (two code points), a flag (two regional indicators), a family emoji
// (several code points joined by ZWJ) and "é" written either precomposed (U+00E9) or as "e" plus a
// combining accent all count as 1. `.length` would count UTF-16 code units and report 4, 4, 11 and
// 1-or-2, so an agent looking at a reply could never predict the limit.

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

// V8's segment iterator slows down quadratically with the length of the string (60,000 characters
// took ~5 s on Node 20), so long texts are segmented in slices. Each slice starts on a boundary the
// previous slice found, and its last segment is re-read with the next slice because it may continue
// past the cut; every other boundary only depends on what precedes it from a real boundary, so the
// total equals segmenting the whole text at once.
const SLICE = 512;

export function graphemeCount(text: string): number {
  let total = 0;
  let start = 0;
  let size = SLICE;
  while (start < text.length) {
    let end = start + size;
    // Never cut a surrogate pair: half an emoji reads as a control character, which would end the
    // cluster before it (👍 | 🏽 instead of 👍🏽).
    if (isHighSurrogate(text.charCodeAt(end - 1))) end++;
    if (end >= text.length) {
      for (const _segment of segmenter.segment(text.slice(start))) total++;
      break;
    }
    let segments = 0;
    let lastStart = 0;
    for (const segment of segmenter.segment(text.slice(start, end))) {
      segments++;
      lastStart = segment.index;
    }
    if (lastStart === 0) {
      // One cluster fills the whole slice (e.g. a letter under hundreds of combining marks): widen it.
      size *= 2;
      continue;
    }
    total += segments - 1;
    start += lastStart;
    size = SLICE;
  }
  return total;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

/** 4096 → "4,096". Messages are English; the UI translates by error code where it needs to. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}
