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

  // Forms an attacker got past the first masker; each is one value of a kind that
  // test/property/pii-evasion.property.test.ts generates many of.
  it.each([
    // Look-alikes: full-width forms, U+FE6B small @, U+2024 one dot leader, ideographic full stop.
    ['mail ｐａｐａ＠ｅｘａｍｐｌｅ．ｃｏｍ now', 'mail [email] now'],
    ['papa\ufe6bexample\u2024com', '[email]'],
    ['papa@example\u3002com', '[email]'],
    ['call ５５５－１２３－４５６７', 'call [phone]'],
    // Invisible splits: zero-width space, joiner, non-joiner, soft hyphen, word joiner, BOM.
    ['jo\u200bhn@exa\u00admple.com', '[email]'],
    ['john\u200d@\u2060example\u200c.\ufeffcom', '[email]'],
    ['call 555\u2060123\u200d45\u00ad67 now', 'call [phone] now'],
    ['call\u200b5551234567', 'call\u200b[phone]'],
    ['5\ufe0f\u20e35\ufe0f\u20e35\ufe0f\u20e31\ufe0f\u20e32\ufe0f\u20e33\ufe0f\u20e34\ufe0f\u20e3', '[phone]'],
    // Separators.
    ['555/123/4567', '[phone]'],
    ['555_321_7638', '[phone]'],
    ['555\u2212123\u22124567', '[phone]'],
    ['555\u2796123\u27964567', '[phone]'],
    ['555.123.4567', '[phone]'],
    ['555 123 4567', '[phone]'],
    ['555-123-4567b', '[phone]b'],
    // Extensions are masked with the number.
    ['ring 555-123-4567 x12 today', 'ring [phone] today'],
    ['ring 555-123-4567x12', 'ring [phone]'],
    ['ring 555-123-4567 ext. 12', 'ring [phone]'],
    ['ring 555-123-4567 ext 12', 'ring [phone]'],
    ['ring 555-123-4567 extension 12', 'ring [phone]'],
    ['ring 555-123-4567 #12', 'ring [phone]'],
    // E-mail forms.
    ['"john doe"@example.com', '[email]'],
    ['\u201cjohn doe\u201d@example.com', '[email]'],
    ['mike@localhost', '[email]'],
    ['me@home', '[email]'],
    ['mike@127.0.0.1', '[email]'],
    ['mike@[127.0.0.1]', '[email]'],
    ['mike@[IPv6:::1]', '[email]'],
    ['john @ example.com', '[email]'],
    ['write john [at] example [dot] com', 'write [email]'],
    ['write john (at) example (dot) co (dot) uk', 'write [email]'],
    ['write john at example dot com', 'write [email]'],
    ['write JOHN AT EXAMPLE DOT COM.', 'write [email].'],
    ['write john[@]example[.]com', 'write [email]'],
    ['write john {at} mail.example [dot] org', 'write [email]'],
  ])('masks %j', (text, expected) => {
    expect(maskPii(text)).toBe(expected);
  });

  // The second attacker's values (B6, B7): each is one value of a kind generated in
  // test/property/pii-evasion-forms.property.test.ts.
  it.each([
    // Blank, private-use and tag characters.
    ['john\u2800@example.com', '[email]'],
    ['john\ue000@example.com', '[email]'],
    ['john@exa\u2800mple.com', '[email]'],
    ['john\u{e0041}@example.com', '[email]'],
    // Encoded forms.
    ['john%40example.com', '[email]'],
    ['mailto:john%40example.com', 'mailto:[email]'],
    ['john&#64;example&#46;com', '[email]'],
    ['john&#x40;example.com', '[email]'],
    ['john&commat;example&period;com', '[email]'],
    ['john\\u0040example.com', '[email]'],
    ['john\\x40example\\x2ecom', '[email]'],
    ['john\\@example\\.com', '[email]'],
    ['john%EF%BC%A0example.com', '[email]'],
    // Spelled-out forms with any wrappers, and other languages' words.
    ['john /at/ example /dot/ com', '[email]'],
    ['john-at-example-dot-com', '[email]'],
    ['john_at_example_dot_com', '[email]'],
    ['john *at* example *dot* com', '[email]'],
    ['john【at】example【dot】com', '[email]'],
    ['john «at» example «dot» com', '[email]'],
    ['john(a)example.com', '[email]'],
    ['john at sign example dot com', '[email]'],
    ['john at example d0t com', '[email]'],
    ['john [at] example [punkt] com', '[email]'],
    ['john (at) example (period) com', '[email]'],
    ['john arroba example punto com', '[email]'],
    ['john @ example . com', '[email]'],
    ['john @ example dot co dot uk', '[email]'],
    ['john\u2800at\u2800example\u2800dot\u2800com', '[email]'],
    // Other quotation marks, numeric hosts.
    ['«john doe»@example.com', '[email]'],
    ['「john doe」@example.com', '[email]'],
    ['o\u2019brien@example.com', '[email]'],
    ['mike@127.1', '[email]'],
    ['mike@2130706433', '[email]'],
    ['mike@0x7f000001', '[email]'],
    // Any punctuation or symbol between digits, up to three a gap.
    ['555,123,4567', '[phone]'],
    ['555, 123, 4567', '[phone]'],
    ['555|123|4567', '[phone]'],
    ['555~123~4567', '[phone]'],
    ['555:123:4567', '[phone]'],
    ['555+123+4567', '[phone]'],
    ['555*123*4567', '[phone]'],
    ['555=123=4567', '[phone]'],
    ['#555#123#4567', '[phone]'],
    ['555\u2022123\u20224567', '[phone]'],
    ["079'123'45'67", '[phone]'],
    ['555\uff5e123\uff5e4567', '[phone]'],
    ['555「123」4567', '[phone]'],
    ['555\u2044123\u20444567', '[phone]'],
    ['555\u2215123\u22154567', '[phone]'],
    ['555\\123\\4567', '[phone]'],
    ['555%123%4567', '[phone]'],
    ['[555] 123 4567', '[phone]'],
    ['{555} 123-4567', '[phone]'],
    // Digit look-alikes NFKC leaves alone, blanks between digits, glued phone words.
    ['❺❺❺❶❷❸❹❺❻❼', '[phone]'],
    ['➎➎➎➊➋➌➍➎➏➐', '[phone]'],
    ['⓹⓹⓹⓵⓶⓷⓸⓹⓺⓻', '[phone]'],
    ['555\u2800123\u28004567', '[phone]'],
    ['555\ue000123\ue0004567', '[phone]'],
    ['555\ue0001234567', '[phone]'],
    ['call tel5551234567', 'call tel[phone]'],
    ['call5551234567', 'call[phone]'],
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
    'on 2024-12-25 at noon',
    'on 12/25/2024',
    'on 25.12.2024',
    'from 2024-12-25 - 2025-01-10',
    'at 2024-12-25 10:30',
    'I work at Google',
    'I work at google.com',
    'meet @ noon',
    'npm install react@18.2.0',
    'order ORD5551234567',
    'resolution 3840x2160',
    // Kept on purpose (docs/security.md): plain "at" with real dots, hyphenated names, versions,
    // thousands, times, an @ before a word and a sentence's full stop.
    'look at example.com',
    'meet at noon',
    'stay-at-home.com is nice',
    'I am at home. Then at work.',
    'vue@3.4 and node@20.1',
    'We served 1,234,567 robots',
    'it costs 1.234.567,89 EUR',
    "Zürich has 1'234'567 trees",
    'open 9:00-17:30 daily',
    'from 10:30:00 to 11:45',
    'meet @ noon. Then go',
    'Hotel5551234567',
    'plan (a) or plan (b)',
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
