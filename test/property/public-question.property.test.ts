import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parsePublicQuestion, publicQuestion } from '../../src/domain/knowledge/public-question.js';

const phone = fc
  .tuple(
    fc.constantFrom('', '+'),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 12 }),
    fc.constantFrom(' ', '-', '.', ''),
  )
  .map(([plus, digits, separator]) => `${plus}${digits.slice(0, 3).join('')}${separator}${digits.slice(3).join('')}`)
  .filter((number) => !/^(19|20)\d\d[\s-]+(19|20)\d\d$/.test(number));
const markup = fc.constantFrom(
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '<!-- hidden -->',
  '<svg/onload=alert(1)>',
  '</b>',
  '<<b>b>',
  '![pixel](https://tracker.example/p.png)',
  '[click](javascript:alert(1))',
);
const words = fc.string({ unit: 'grapheme', maxLength: 40 });
const question = fc
  .array(fc.oneof(words, markup, fc.emailAddress(), phone), { maxLength: 8 })
  .map((parts) => parts.join(' '));

describe('publicQuestion', () => {
  it.each([
    ['Call me on +44 20 7946 0958 or ana@example.org?', 'Call me on [phone] or [email]?'],
    ['<img src=x onerror=alert(1)>Do you <b>ski</b>?', 'Do you ski?'],
    ['<p>one</p><p>two</p>', 'one two'],
    ['Is 3 < 5 and 7 > 2?', 'Is 3 < 5 and 7 > 2?'],
    ['![x](http://t.example/p.png) [see](javascript:alert(1)) ok?', 'x see ok?'],
    ['Where\n\n  do you   live?', 'Where do you live?'],
    ['Do you work with C++ and C#?', 'Do you work with C++ and C#?'],
  ])('publishes %j as %j', (raw, expected) => {
    expect(publicQuestion(raw)).toBe(expected);
  });

  test.prop([question, fc.emailAddress(), phone])(
    'never publishes an e-mail address or a phone number',
    (text, email, number) => {
      const published = publicQuestion(`${text} ${email} ${text} ${number}?`);
      expect(published).not.toContain(email);
      expect(published.replace(/\D/g, '')).not.toContain(number.replace(/\D/g, ''));
    },
  );

  test.prop([question])('is plain text on one line: no tag, comment or Markdown link can be read from it', (text) => {
    const published = publicQuestion(text);
    expect(published).not.toMatch(/<[A-Za-z/!?]/);
    expect(published).not.toMatch(/\]\(/);
    expect(published).not.toMatch(/\n/);
    expect([...published].length).toBeLessThanOrEqual(500);
  });

  test.prop([question])('is idempotent', (text) => {
    expect(publicQuestion(publicQuestion(text))).toBe(publicQuestion(text));
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 3000 })])('never throws, and stays bounded in work', (text) => {
    expect(typeof publicQuestion(text)).toBe('string');
  });

  it("refuses an owner's wording that is empty once markup is removed", () => {
    expect(() => parsePublicQuestion('<b></b>')).toThrow(/must not be empty/);
    expect(() => parsePublicQuestion(42)).toThrow(/must be a string/);
    expect(parsePublicQuestion(' Do you have pets? ')).toBe('Do you have pets?');
  });
});
