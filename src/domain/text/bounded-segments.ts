import { boundedChunks } from './bounded-chunks.js';

/**
 * Intl.Segmenter with work linear in the text's length.
 *
 * V8's segment iterator gets slower per step as the text grows: iterating the words of
 * 80,000 characters takes ~0.6 s and of 160,000 ~8 s (measured on Node 20), whatever the
 * script. Segmenting chunks of at most SEGMENT_CHUNK code units, cut before white space
 * (a word boundary anyway), keeps every step cheap and yields the same segments for text
 * with white space at least every SEGMENT_CHUNK code units. A longer unbroken run (a flood
 * of one character, or a page of unspaced Chinese) is cut at a code point boundary, so at
 * worst one word in SEGMENT_CHUNK code units is split in two.
 */

/** Longest text handed to ICU at once, in UTF-16 code units. */
export const SEGMENT_CHUNK = 512;

export type Granularity = 'word' | 'grapheme';

const segmenters = {
  word: new Intl.Segmenter('und', { granularity: 'word' }),
  grapheme: new Intl.Segmenter('und', { granularity: 'grapheme' }),
} as const;

/** Like `Intl.Segmenter#segment(text)` (index into the whole text), in linear time. */
export function* boundedSegments(text: string, granularity: Granularity = 'word'): Generator<Intl.SegmentData> {
  const segmenter = segmenters[granularity];
  if (text.length <= SEGMENT_CHUNK) {
    yield* segmenter.segment(text);
    return;
  }
  let offset = 0;
  for (const chunk of boundedChunks(text, SEGMENT_CHUNK)) {
    for (const segment of segmenter.segment(chunk)) {
      yield { ...segment, index: segment.index + offset, input: text };
    }
    offset += chunk.length;
  }
}
