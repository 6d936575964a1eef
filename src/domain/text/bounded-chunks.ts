/**
 * Cuts text into pieces of bounded length whose concatenation is the text, so that
 * routines that are superlinear in the length of what they are given (V8's Intl.Segmenter
 * iterator, byte-pair encoding of one long run) stay linear in the whole text.
 *
 * A chunk ends just before white space that follows a non-space character, which is a
 * word boundary for ICU and keeps " word" whole for tokenizers that attach a leading space.
 * A run without white space longer than `maxRun` is cut anyway, at a code point boundary.
 */
export function* boundedChunks(text: string, maxChunk: number, maxRun: number = maxChunk): Generator<string> {
  if (maxRun < 2 || maxChunk < maxRun) throw new RangeError('boundedChunks needs 2 <= maxRun <= maxChunk');
  if (text.length <= maxRun) {
    if (text !== '') yield text;
    return;
  }
  let start = 0;
  let cut = -1; // the latest word-boundary position inside the current chunk
  let runStart = 0;
  let previousWhite = true;
  for (let i = 0; i < text.length; i++) {
    const white = isWhite(text.charCodeAt(i), text, i);
    if (white) {
      if (!previousWhite && i > start) cut = i;
      runStart = i + 1;
    } else if (i - runStart >= maxRun) {
      const at = codePointStart(text, i);
      if (at > start) {
        yield text.slice(start, at);
        start = at;
        cut = -1;
      }
      runStart = at;
    }
    previousWhite = white;
    if (i + 1 - start > maxChunk) {
      const at = cut > start ? cut : codePointStart(text, i);
      yield text.slice(start, at);
      start = at;
      cut = -1;
    }
  }
  if (start < text.length) yield text.slice(start);
}

// A low surrogate belongs with the high surrogate before it.
function codePointStart(text: string, at: number): number {
  const code = text.charCodeAt(at);
  const before = text.charCodeAt(at - 1);
  return code >= 0xdc00 && code <= 0xdfff && before >= 0xd800 && before <= 0xdbff ? at - 1 : at;
}

const NON_ASCII_WHITE = /\s/u;

function isWhite(code: number, text: string, at: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return NON_ASCII_WHITE.test(text[at] as string);
}
