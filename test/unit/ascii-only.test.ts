import { describe, expect, it } from 'vitest';
import { asciiOnly } from '../../scripts/lambda-bundle/ascii-only.js';

// The Lambda build rewrites its output in ASCII so V8 keeps it as a one-byte string (ADR 1200).
describe('asciiOnly', () => {
  it('escapes what esbuild leaves raw in regular expressions, keeping their meaning', () => {
    const code = `export const marks = /[?？؟‹-›]/u, emoji = /^😀+$/u, plain = /[‹-›]/, quote = /’s$/;`;
    const ascii = asciiOnly(code);
    expect([...ascii].every((char) => char.charCodeAt(0) < 0x80)).toBe(true);
    const load = (source: string) => new Function(source.replace('export const', 'return [').replace(/;$/, ']'))();
    const [marks, emoji, plain, quote] = load(code);
    const [marksA, emojiA, plainA, quoteA] = load(ascii);
    for (const text of ['？', '؟', '›', 'a', '?', '\u203a']) expect(marksA.test(text)).toBe(marks.test(text));
    for (const text of ['😀😀', '😀', '\ud83d', 'x']) expect(emojiA.test(text)).toBe(emoji.test(text));
    for (const text of ['‹', '›', '\u2039', 'a']) expect(plainA.test(text)).toBe(plain.test(text));
    for (const text of ['it’s', "it's"]) expect(quoteA.test(text)).toBe(quote.test(text));
  });

  it('keeps ASCII code as it is', () => {
    const code = 'const a = "x\\u00e9";\nfunction f() { return /a+b/g; }';
    expect(asciiOnly(code)).toBe(code);
  });

  it('refuses a non-ASCII character after a backslash, where an escape would change it', () => {
    expect(() => asciiOnly('const r = /\\’/;')).toThrow(/backslash/);
  });
});
