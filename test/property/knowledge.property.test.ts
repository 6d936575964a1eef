import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { gapAsked, parseAnswer, parseGapId, questionKey } from '../../src/domain/knowledge/knowledge-gaps.js';
import { emailsIn, parseLeadDetails } from '../../src/domain/knowledge/leads.js';
import { parseOwnerAnswers, renderOwnerAnswer } from '../../src/domain/knowledge/owner-answers.js';
import { words } from '../../src/domain/text/text.js';

const text = fc.string({ unit: 'grapheme', maxLength: 80 });
const anyUnit = fc.string({ unit: 'binary', maxLength: 80 });

describe('questionKey', () => {
  test.prop([text])('ignores case, spacing and surrounding punctuation of any question with words', (question) => {
    fc.pre(words(question).length > 0);
    const key = questionKey(question);
    expect(questionKey(`  ¿${question.toUpperCase()}?!  `)).toBe(questionKey(question.toUpperCase()));
    expect(questionKey(question.replace(/ /g, '   '))).toBe(key);
    expect(questionKey(key)).toBe(key);
  });

  it.each([
    ['What’s your favourite film?', "what's your FAVOURITE film"],
    ['¿Dónde vives?', 'dónde vives'],
    ['你最喜欢的电影是什么？', '你最喜欢的电影是什么'],
    ['Ｆｕｌｌ-width?', 'full-width'],
  ])('counts %j and %j as the same question', (a, b) => {
    expect(questionKey(a)).toBe(questionKey(b));
  });

  it.each([
    ['Where do you live?', 'Where did you live?'],
    ['Do you like Go?', "Don't you like Go?"],
    ['Is it 3 or 4?', 'Is it 4 or 3?'],
    ['¿Qué año?', '¿Qué ano?'],
    ['Do you know C#?', 'Do you know C?'],
    ['Do you know C++?', 'Do you know C?'],
  ])('keeps %j and %j apart: tense, negation, order and accents carry meaning', (a, b) => {
    expect(questionKey(a)).not.toBe(questionKey(b));
  });

  test.prop([anyUnit])('gives every input, lone surrogates included, a well-formed id', (question) => {
    const ask = gapAsked(question, new Date(0));
    expect(parseGapId(ask.id)).toBe(ask.id);
    expect(Array.from(ask.question).length).toBeLessThanOrEqual(500);
  });
});

describe('answers.md', () => {
  const line = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
    .filter((s) => s.trim() !== '' && !/[\r\n]/.test(s));
  const answer = fc
    .array(fc.oneof(line, fc.constant('## looks like a heading'), fc.constant('')), { minLength: 1, maxLength: 6 })
    .map((lines) => lines.join('\n').trim())
    .filter((s) => s !== '');

  test.prop([fc.array(fc.record({ question: line, answer }), { minLength: 1, maxLength: 5 })])(
    'reads back every entry it writes, headings inside answers included',
    (entries) => {
      const file = `# Answers\n${entries.map(renderOwnerAnswer).join('')}`;
      expect(parseOwnerAnswers(file)).toEqual(
        entries.map((e) => ({ question: e.question.replace(/\s+/gu, ' ').trim(), answer: e.answer.trim() })),
      );
    },
  );
});

describe('owner input and contact details', () => {
  it.each([[''], ['   '], [42], [null], ['x'.repeat(4001)]])('rejects the answer %j as invalid_input', (raw) => {
    expect(() => parseAnswer(raw)).toThrow(DomainError);
  });

  it.each(['gap-0123', '../../etc', 'gap-0123456789ABCDEF', 42])('rejects the gap id %j', (raw) => {
    expect(() => parseGapId(raw)).toThrowError(/gap id/);
  });

  it.each(['ana@example.org', 'first.last+tag@sub.example.co.uk', 'josé@exemplo.pt'])('accepts %j', (email) => {
    expect(parseLeadDetails({ email }).email).toBe(email);
  });

  it.each(['', 'no-at-sign', 'a@b', 'two@@example.org', 'spa ce@example.org', `${'a'.repeat(250)}@example.org`, 7])(
    'rejects the email %j',
    (email) => {
      expect(() => parseLeadDetails({ email })).toThrow(DomainError);
    },
  );

  it('finds the addresses a visitor wrote, lower-cased, amid punctuation', () => {
    expect([...emailsIn(['Write to <Ana@Example.org>, or (bo@example.net).'])].sort()).toEqual([
      'ana@example.org',
      'bo@example.net',
    ]);
    expect(emailsIn(['no address here @ all']).size).toBe(0);
  });

  it.each([
    ['https://eve@site.test/profile', []],
    ['see http://x.test/?u=a@b.test or c@d.test', ['c@d.test']],
    ['ftp://user@files.test/x and //eve@site.test', []],
    ['mailto:kim@k.test - do you do mentoring?', ['kim@k.test']],
    ['<mailto:Kim@K.test>', ['kim@k.test']],
    ['line one\nhttps://eve@site.test\tme@m.test', ['me@m.test']],
  ])('a URL\'s userinfo or path is not an address, "mailto:" is: %j', (text, expected) => {
    expect([...emailsIn([text])]).toEqual(expected);
  });

  it.each([
    ['请发邮件给我：wo@youjian.cn。你住在哪里？', ['wo@youjian.cn']],
    ['邮箱li2@youxiang.cn', ['li2@youxiang.cn']],
    ['メール：mine@mail.jp', ['mine@mail.jp']],
    ['Email：me4@x.com', ['me4@x.com']],
    ['my email is「me5@x.com」', ['me5@x.com']],
    ['write to .me17@x.com', ['me17@x.com']],
    ['Schreib an josé.müller@beispiel.de', ['josé.müller@beispiel.de']],
    ['我的邮箱是c1@ex.com谢谢', ['c1@ex.com']],
    ['メールアドレスはc2@ex.jpです。', ['c2@ex.jp']],
    ['이메일은 c3@ex.com입니다', ['c3@ex.com']],
    ['c4@ex.comに連絡してください', ['c4@ex.com']],
    ['mail me at kim@xn--bcher-kva.example', ['kim@xn--bcher-kva.example']],
  ])('leaves other scripts and punctuation written against an address out of it: %j', (text, expected) => {
    expect([...emailsIn([text])]).toEqual(expected);
  });

  it.each(['?', '!', '?!', '…', '*', '~', '¿', '?)'])(
    'leaves sentence punctuation %j after an address out of it',
    (mark) => {
      expect([...emailsIn([`Reach me at carol.pii@acme.test${mark} thanks`])]).toEqual(['carol.pii@acme.test']);
      expect(() => parseLeadDetails({ email: `carol.pii@acme.test${mark}` })).toThrow(DomainError);
    },
  );
});
