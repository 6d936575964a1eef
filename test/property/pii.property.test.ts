import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { maskPii } from '../../src/domain/text/pii.js';

describe('maskPii', () => {
  it.each([
    ['Mail me at jane.doe+twin@example.co.uk please', 'Mail me at [email] please'],
    ['call +44 20 7946 0958 tomorrow', 'call [phone] tomorrow'],
    ['my number is (555) 123-4567.', 'my number is [phone].'],
    ['ünïcode@exämple.de', '[email]'],
    // Models write non-breaking hyphens (U+2011) and en dashes inside numbers.
    ['noted: +1 415\u2011555\u20110134.', 'noted: [phone].'],
    ['noted: +1 415–555–0134.', 'noted: [phone].'],
    ['call 415 - 555 - 0134', 'call [phone]'],
    ['電話は０９０－１２３４－５６７８です', '電話は[phone]です'],
    ['mail: maria＠example.net', 'mail: [email]'],
  ])('masks %j', (text, expected) => {
    expect(maskPii(text)).toBe(expected);
  });

  it.each([
    'I worked there 2019-2024',
    'I worked there 2019–2024',
    'from 2019 - 2024',
    'Version 3.0 shipped in 2024',
    'We served 1200 robots',
    'No contact here',
  ])('keeps %j', (text) => {
    expect(maskPii(text)).toBe(text);
  });

  test.prop([fc.emailAddress(), fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 })])(
    'never lets a generated email address through',
    (email, before, after) => {
      expect(maskPii(`${before} ${email} ${after}`)).not.toContain(email);
    },
  );

  test.prop([fc.string({ unit: 'grapheme', maxLength: 300 })])('is idempotent and never throws', (text) => {
    const once = maskPii(text);
    expect(maskPii(once)).toBe(once);
  });
});

describe('topics never carry contact details', () => {
  it('drops emails and phone numbers before topics are extracted', async () => {
    const { messageTopics } = await import('../../src/domain/analytics/topics.js');
    const topics = messageTopics('Please write to jane.doe@example.com or ring +1 415 555 0100 about observability');
    expect(topics.join(' ')).not.toMatch(/jane|doe|example|415|555|0100/);
    expect(topics).toContain('observability');
  });
});
