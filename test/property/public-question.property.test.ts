import { fc, test } from '@fast-check/vitest';
import { decodeHTML } from 'entities';
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
  '<img src=x onerror=alert(1)//',
  '<svg onload=alert(1)',
  '[click](javascript:alert(1))',
  '![x](http://127.0.0.1:1/t.png)',
  '[a [b] c](http://x)',
  'https://evil.example/track.png',
  'www.evil.example',
  'HTTP://x.example/a_(b)',
  'sub.tracker.example/path?q=1',
);
// Markup written as character references, in the forms HTML decodes: named, decimal, hex, nested.
const encodedMarkup = fc
  .tuple(
    fc.constantFrom('<script>alert(1)</script>', '<img src=x>', '<b>', '[x](http://t)'),
    fc.constantFrom<(c: string) => string>(
      (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c),
      (c) => `&#${c.codePointAt(0)};`,
      (c) => `&#x${(c.codePointAt(0) ?? 0).toString(16)};`,
      (c) => (c === '<' ? '&amp;lt;' : c === '>' ? '&amp;gt;' : c),
    ),
  )
  .map(([text, encode]) => Array.from(text, encode).join(''));
const phone = fc
  .tuple(fc.constantFrom('+', ''), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 12 }))
  .map(([plus, digits]) => `${plus}${digits.join('')}`);
// Visitors' words mixed with markup, addresses and numbers, in any order.
const question = fc
  .array(fc.oneof(anyText, markup, encodedMarkup, fc.emailAddress(), phone), { maxLength: 8 })
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
    ['Do you own a car <img src=x onerror=alert(1)//', 'Do you own a car'],
    ['![x](http://127.0.0.1:1/t.png) Do you ski?', 'x Do you ski?'],
    ['Do you [ski](https://t.example/p)?', 'Do you ski?'],
    ['&lt;script&gt;alert(1)&lt;/script&gt; Hi?', 'alert(1) Hi?'],
    ['Tom &amp; Jerry?', 'Tom & Jerry?'],
    ['Do you own a boat? https://evil.example/track.png', 'Do you own a boat? [link]'],
    ['Seen www.evil.example lately?', 'Seen [link] lately?'],
    ['HTTPS://EVIL.EXAMPLE/x.png and ftp://evil.example', '[link] and [link]'],
    ['javascript:alert(1)//https://evil.example', '[link] [link]'],
    ['[x](https://e.example/a_(b)) ok?', '[x] ( [link] ok?'],
    ['Is sub.tracker.example yours?', 'Is [link] yours?'],
    ['Do you use node.js or main.py?', 'Do you use node.js or main.py?'],
    ['Mail ana@example.org?', 'Mail [email]?'],
  ])('makes %j public as %j', (raw, expected) => {
    expect(publicQuestion(raw)).toBe(expected);
  });

  test.prop([question])('leaves no tag, link, e-mail address or phone number, on one line', (raw) => {
    const text = publicQuestion(raw);
    expect(text).not.toMatch(TAG);
    // Nor once rendered: no tag start behind a reference, no tag left open, no Markdown link target.
    expect(decodeHTML(text)).not.toMatch(/<[A-Za-z/!?]/u);
    expect(text).not.toMatch(/\]\(/u);
    // Nor a bare URL a renderer would link (GFM autolinks http(s):// and www.).
    expect(text).not.toMatch(/[a-z][a-z0-9+.-]*:\/\/|\bwww\./iu);
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
    // A dot between letters may be a host name ("hello.world"), published as [link].
    fc.pre(!/[<>@&\].\d\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(raw));
    expect(publicQuestion(raw)).toBe(raw.normalize('NFC').replace(/\s+/gu, ' ').trim());
  });
});
