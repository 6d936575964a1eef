import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { publicQuestion } from '../../src/domain/knowledge/public-question.js';
import { containsPii } from '../../src/domain/text/pii.js';

const TAG = /<[A-Za-z/!?][^<>]*>/u;
const anyText = fc.string({ unit: 'grapheme', maxLength: 120 });
const anyUnits = fc.string({ unit: 'binary', maxLength: 120 });
const markup = fc.constantFrom(
  '<b>',
  '</b>',
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '<!-- hidden -->',
  '<<b>b>',
  '<',
  '>',
  '<a href="https://example.org">',
  '<?xml version="1.0"?>',
);
const phone = fc
  .tuple(fc.constantFrom('+', ''), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 12 }))
  .map(([plus, digits]) => `${plus}${digits.join('')}`);
// Visitors' words mixed with markup, addresses and numbers, in any order.
const question = fc
  .array(fc.oneof(anyText, markup, fc.emailAddress(), phone), { maxLength: 8 })
  .map((parts) => parts.join(' '));

describe('publicQuestion', () => {
  it.each([
    ['Can I call you on +44 20 7946 0958?', 'Can I call you on [phone]?'],
    ['Write to <b>ana@example.org</b> please', 'Write to [email] please'],
    ['<script>alert(1)</script>Do you have a cat?', 'alert(1) Do you have a cat?'],
    ['Is 3 < 5 > 2?', 'Is 3 < 5 > 2?'],
    ['<do you have a cat>', 'do you have a cat'],
    ['  Do\tyou\n\nski?  ', 'Do you ski?'],
    ['<<b>b>nested', '< b>nested'],
    ['<a<b>b>nested', 'nested'],
  ])('makes %j public as %j', (raw, expected) => {
    expect(publicQuestion(raw)).toBe(expected);
  });

  test.prop([question])('leaves no tag, e-mail address or phone number, on one line', (raw) => {
    const text = publicQuestion(raw);
    expect(text).not.toMatch(TAG);
    expect(containsPii(text)).toBe(false);
    expect(text).not.toMatch(/[\n\r\t]/);
    expect(text).toBe(text.trim());
  });

  test.prop([fc.emailAddress(), question, question])('never publishes an address a visitor wrote', (email, a, b) => {
    expect(publicQuestion(`${a} ${email} ${b}`)).not.toContain(email);
  });

  test.prop([fc.oneof(question, anyUnits)])('is idempotent and total, lone surrogates included', (raw) => {
    const once = publicQuestion(raw);
    expect(publicQuestion(once)).toBe(once);
  });

  test.prop([anyText])('keeps ordinary words as they are, spacing aside', (raw) => {
    fc.pre(!/[<>@\d\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(raw));
    expect(publicQuestion(raw)).toBe(raw.normalize('NFC').replace(/\s+/gu, ' ').trim());
  });
});
