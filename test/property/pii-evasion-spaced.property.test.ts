import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { messageTopics } from '../../src/domain/analytics/topics.js';
import { maskPii, removePii } from '../../src/domain/text/pii.js';
import { encodedEmail, type WrittenEmail, type WrittenPhone } from '../support/pii-evasions.js';
import {
  bareHost,
  letterSeparatorPhone,
  lookAlikeSpelledEmail,
  spacedSeparatorPhone,
} from '../support/pii-evasions-spaced.js';

// The third round's kinds (a second black-box attacker): spaced runs of separators and emoji of
// several code points between digit groups, letters used as dashes, extension words of other
// languages, look-alike letters and spaces inside spelled-out "at" and "dot", more escape
// notations, bare host names as topics. Each listed value, then generated values of each kind.

const CONTEXTS = ['Write to', 'My contact:', 'reach me on', 'Ask for Ana,', ''];
const NBSP = '\u00a0';

describe('maskPii against the third round of evasions', () => {
  it.each([
    'call 555 -- 123 -- 4567',
    '555 - - 123 - - 4567',
    '555 // 123 // 4567',
    '555 .. 123 .. 4567',
    '555 :: 123 :: 4567',
    '555 ** 123 ** 4567',
    '555 ★★ 123 ★★ 4567',
    '555 𝄞𝄞 123 𝄞𝄞 4567',
    '555 ☎️☎️ 123 ☎️☎️ 4567',
    '555 🙂🙂 123 🙂🙂 4567',
    '+1 555 -- 123 -- 4567',
    '(555) -- 123 -- 4567',
    `555${NBSP}-${NBSP}-${NBSP}123 ---  4567`,
    'call 555👨‍👩‍👧‍👦123👨‍👩‍👧‍👦4567',
    '555🏳️‍🌈🏳️‍🌈🏳️‍🌈123🇺🇸🇺🇸🇺🇸4567',
    '555 👍🏽👍🏿 123 🧑🏿‍💻 4567',
    'call 090ー1234ー5678',
    '090ｰ1234ｰ5678',
    '090一1234一5678',
    '555ʼ123ʼ4567',
    '555ǀ123ǀ4567',
    '555ꓸ123ꓸ4567',
    '555ꓹ123ꓹ4567',
    '555ˍ123ˍ4567',
    '555ㅡ123ㅡ4567',
    '555 ー 123 ー 4567',
    '555-123-4567 poste 1234',
    '555-123-4567 Durchwahl 1234',
    '555-123-4567 доб. 1234',
    '555-123-4567 interno 12',
    '555-123-4567 ramal 12',
    '555-123-4567 anexo 12',
    '555-123-4567 lokal 12',
    '555-123-4567 内線 12',
    'tél5551234567',
    'Tél.5551234567',
    'телефон5551234567',
  ])('masks the number in %j with nothing left of its digits', (text) => {
    const masked = maskPii(text);
    expect(masked).toContain('[phone]');
    expect(masked).not.toMatch(/\d{2}/u);
  });

  it.each([
    'jоhn аt example dоt com',
    'john (аt) example (dоt) com',
    'john [аt] gmail [dоt] com',
    'john at example dοt com',
    'john ᴀᴛ example ᴅᴏᴛ com',
    'john АТ example DОТ com',
    'john a t example dot com',
    'john at example d o t com',
    'john [a t] example [d o t] com',
    `john a${NBSP}t example d${NBSP}o${NBSP}t com`,
    'john%u0040example.com',
    'john\\x{40}example.com',
    'john\\U0040example.com',
    'john\\U00000040example.com',
    'johnU+0040example.com',
    'john\\N{U+40}example.com',
    'john%uFF20example%u002Ecom',
  ])('masks the whole address %j', (text) => {
    expect(maskPii(`write ${text} today`)).toBe('write [email] today');
  });

  it.each([
    ['a t in a sentence stays', 'I said a t example.com is mine'],
    ['d o t without a spelled at stays', 'john@ d o t'],
    ['a padded character reference is not a phone', '&#0000060;img src=x'],
    ['a padded hexadecimal reference neither', '&#x000003c;b'],
    ['a long-vowel mark after a number stays', 'ランク3ー高い'],
    ['U+ in prose', 'the code point U+1F600 is a face'],
    ['dates with spaced dashes', '2024-12-25 -- 2025-01-10'],
    ['thousands', 'about 1,234,567 people'],
  ])('keeps ordinary text: %s', (_, text) => {
    expect(maskPii(text)).toBe(text);
  });

  const masksPhone = (phone: WrittenPhone, context: string) => {
    expect(maskPii(`${context} ${phone.written} today`)).toBe(`${context} [phone] today`);
  };
  const masksEmail = (email: WrittenEmail, context: string) => {
    expect(maskPii(`${context} ${email.written} please`)).toBe(`${context} [email] please`);
  };

  test.prop([spacedSeparatorPhone, fc.constantFrom(...CONTEXTS)])(
    'masks a number whose gaps hold up to three separators or emoji clusters among any blanks',
    masksPhone,
  );
  test.prop([letterSeparatorPhone, fc.constantFrom(...CONTEXTS)])(
    'masks a number whose separators are letters used as dashes or dots',
    masksPhone,
  );
  test.prop([lookAlikeSpelledEmail, fc.constantFrom(...CONTEXTS)])(
    'masks a spelled-out address with look-alike letters or spaces inside at and dot',
    masksEmail,
  );
  test.prop([encodedEmail, fc.constantFrom(...CONTEXTS)])(
    'masks an address encoded in any notation, %u, \\x{}, \\U and U+ included',
    masksEmail,
  );

  test.prop([
    fc.array(
      fc.oneof(
        spacedSeparatorPhone.map((p) => p.written),
        letterSeparatorPhone.map((p) => p.written),
        lookAlikeSpelledEmail.map((e) => e.written),
        fc.constantFrom(' -- ', 'ー', '👨‍👩‍👧‍👦', '🇺', 'a t', 'd o t', 'аt', '%u0040', 'U+0040', ' poste ', '&#000'),
      ),
      { maxLength: 8 },
    ),
  ])('is idempotent and never throws on mixtures of these forms', (parts) => {
    const text = parts.join('');
    const once = maskPii(text);
    expect(maskPii(once)).toBe(once);
    expect(removePii(once)).toBe(removePii(text));
  });
});

describe('topics of questions holding the third round of evasions', () => {
  const topicText = (text: string) => messageTopics(text).join(' | ').toLowerCase();

  test.prop([fc.oneof(spacedSeparatorPhone, letterSeparatorPhone)])('hold no four digits of a number', (phone) => {
    const digits = topicText(`call ${phone.written} about observability`).replace(/\D/gu, '');
    for (let i = 0; i + 4 <= phone.digits.length; i++) expect(digits).not.toContain(phone.digits.slice(i, i + 4));
  });

  test.prop([lookAlikeSpelledEmail])('hold no part of a spelled-out address', (email) => {
    const topics = topicText(`write ${email.written} about observability`);
    expect(topics).not.toContain(email.local);
    for (const part of email.labels) expect(topics).not.toContain(part);
  });

  test.prop([bareHost])('never hold a host name, with or without scheme, // or path', (host) => {
    const topics = messageTopics(`see ${host.written} about kafka streams`);
    expect(topics.join(' ')).not.toMatch(/zx/u);
    expect(topics).toContain('kafka streams');
  });

  it.each([
    'zqlinkthree.example/path',
    'sub.zqlinkfour.example',
    '//zqlinkseven.example/x',
    'zqlinkfive.example',
    'HTTP://zqlinksix.example:8080/x',
  ])('drop the host %j and keep the subject', (host) => {
    const topics = messageTopics(`read ${host} about observability`);
    expect(topics.join(' ')).not.toMatch(/zqlink/u);
    expect(topics).toContain('observability');
  });

  it.each(['node.js', 'main.py'])('keep the name %j, which is not a host', (name) => {
    expect(messageTopics(`how do you use ${name}`).join(' ')).toContain(name);
  });
});
