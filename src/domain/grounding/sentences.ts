const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// ICU ends a sentence at any full stop before a capital; these abbreviations rarely end one.
const ABBREVIATION_END =
  /(?:^|[\s(])(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|Mt|Jr|Sr|Inc|Ltd|Dept|Univ|approx|ca|vs|e\.g|i\.e|[A-Z])\.\s*$/u;

/** Longest text split into sentences; a longer run is cut at a space near this many characters. */
const MAX_SENTENCE_CHARS = 600;

/**
 * The sentences of a paragraph (any script: ICU sentence segmentation), trimmed, with
 * breaks after common abbreviations ("Dr. Brandt") undone and overlong runs cut.
 */
export function sentencesOf(text: string): string[] {
  const merged: string[] = [];
  for (const { segment } of sentenceSegmenter.segment(text)) {
    const last = merged.at(-1);
    if (last !== undefined && ABBREVIATION_END.test(last)) merged[merged.length - 1] = `${last}${segment}`;
    else merged.push(segment);
  }
  const sentences = merged.flatMap((sentence) => cut(sentence.replace(/\s+/gu, ' ').trim())).filter((s) => s !== '');
  // "Yes." or "No single cause." alone answers nothing: it reads with the sentence after it.
  const joined: string[] = [];
  for (const sentence of sentences) {
    const last = joined.at(-1);
    if (last !== undefined && last.split(' ').length <= 3 && last.length < 24)
      joined[joined.length - 1] = `${last} ${sentence}`;
    else joined.push(sentence);
  }
  return joined;
}

function cut(sentence: string): string[] {
  const pieces: string[] = [];
  let rest = sentence;
  while (rest.length > MAX_SENTENCE_CHARS) {
    const space = rest.lastIndexOf(' ', MAX_SENTENCE_CHARS);
    const at = space > MAX_SENTENCE_CHARS / 2 ? space : MAX_SENTENCE_CHARS;
    pieces.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  pieces.push(rest);
  return pieces;
}
