/**
 * Bounded work per turn (issue 16): how the time of the text routines a turn runs grows when
 * the input doubles, for ordinary and adversarial text, chunked (as shipped) and, for word
 * segmentation, unchunked (Intl.Segmenter over the whole text, as before). A ratio near 2 is
 * linear; the unchunked one grows far faster. Every figure is measured in this run.
 * Run: npx tsx bench/bounded-text.ts
 */
import { countTokens } from '../src/adapters/openai/token-counter.js';
import { words } from '../src/domain/text/text.js';

// Seeded pseudo-random text: repeated text would be measured against the tokenizer's cache.
let seed = 7;
const next = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
const repeatTo = (n: number, unit: () => string) => {
  let text = '';
  while (text.length < n) text += unit();
  return text.slice(0, n);
};
const WORDS = ['where', 'are', 'you', 'based', 'what', 'do', 'for', 'a', 'living', 'projects', 'proud', 'team'];

const INPUTS: Record<string, (n: number) => string> = {
  ordinary: (n) => repeatTo(n, () => `${pick(WORDS)} `),
  'U+FDFA, NFKC-expanded': (n) => repeatTo(n, () => `${pick(['\ufdfa', '\ufdfb', '\u3300'])}`.normalize('NFKC')),
  'unspaced Chinese': (n) => repeatTo(n, () => String.fromCodePoint(0x4e00 + Math.floor(next() * 20_000))),
  'combining-mark flood': (n) => `e${repeatTo(n - 1, () => String.fromCodePoint(0x300 + Math.floor(next() * 0x70)))}`,
};

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const unchunked = (text: string) => {
  let count = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) count++;
  return count;
};

// Each run gets text it has not seen: the tokenizer caches what it encoded.
function median(fn: (text: string) => unknown, texts: readonly string[]): number {
  const samples = texts.map((text) => {
    const started = performance.now();
    fn(text);
    return performance.now() - started;
  });
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
}

countTokens('warm up');
const SIZES = [16_000, 32_000, 64_000];
console.log(`milliseconds at ${SIZES.join(' / ')} characters (median of 7); linear work doubles each step`);
const row = (fn: (text: string) => unknown, texts: string[][]) =>
  texts.map((runs) => median(fn, runs).toFixed(1)).join(' / ');
for (const [name, make] of Object.entries(INPUTS)) {
  const texts = SIZES.map((size) => Array.from({ length: 7 }, () => make(size)));
  console.log(`${name}:`);
  console.log(`  words, chunked (shipped)        ${row(words, texts)}`);
  console.log(`  countTokens, chunked (shipped)  ${row(countTokens, texts)}`);
  console.log(`  Intl.Segmenter, whole text      ${row(unchunked, texts)}`);
}
