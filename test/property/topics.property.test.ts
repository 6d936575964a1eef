import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { MAX_TOPIC_TEXT, MAX_TOPICS_PER_MESSAGE, messageTopics } from '../../src/domain/analytics/topics.js';

// Compared without case, compatibility forms, combining marks (a mark after a symbol starts a
// word, and NFKC may compose it into the symbol), final-sigma spelling or spaces: topics are words
// of the input, lower-cased, and compounds of unspaced scripts are rejoined across what ICU split.
const canonical = (text: string) =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\p{M}\s]+/gu, '')
    .normalize('NFKC')
    .replaceAll('ς', 'σ');

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc
    .array(
      fc.constantFrom(
        'kubernetes',
        'error',
        'budgets',
        'Kafka',
        '你在哪里工作',
        '分布式系统',
        '東京でエンジニアとして働いています',
        'Wo arbeitest du',
        '¿Dónde trabajas?',
        'Σύστημα',
        'e\u0301cole',
        '👩‍👩‍👧‍👦',
        '\ud800',
        '?',
        ',',
        ' ',
        '<b>',
        '&amp;',
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(' ')),
);

// Words that appear only inside markup: none may ever surface as (part of) a topic.
const MARKERS = ['zqtagzq', 'zqattrzq', 'zqvaluezq', 'zqhostzq', 'zqpathzq', 'zqcodezq', 'zqfencezq', 'zqscriptzq'];
const markup = fc.constantFrom(
  '<zqtagzq zqattrzq="zqvaluezq">',
  '</zqtagzq>',
  '<img src=zqvaluezq onerror=zqattrzq(1)>',
  '<zqtagzq zqattrzq=zqvaluezq',
  '&lt;zqtagzq zqattrzq=zqvaluezq&gt;',
  '<script>zqscriptzq.zqattrzq()</script>',
  '<style>.zqattrzq { color: red }</style>',
  '<!-- zqcodezq -->',
  'https://zqhostzq.example/zqpathzq?zqattrzq=zqvaluezq',
  'www.zqhostzq.example/zqpathzq',
  'javascript:zqscriptzq(zqvaluezq)',
  'data:text/html,zqcodezq',
  '`zqcodezq zqattrzq`',
  '\n```\nzqfencezq zqcodezq\n```\n',
  'zqattrzq=zqvaluezq',
);
const prose = fc.constantFrom(
  'tell me about kafka',
  'observability',
  'error budgets',
  '你在哪里工作',
  'Wo arbeitest du',
  'scaling!',
  'and',
  '',
);
const withMarkup = fc.array(fc.oneof(prose, markup), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(' '));

describe('topics of any text', () => {
  it.prop([anyText])('are words of the input, few, short, and never empty', (text) => {
    const topics = messageTopics(text);
    expect(topics.length).toBeLessThanOrEqual(MAX_TOPICS_PER_MESSAGE);
    expect(new Set(topics).size).toBe(topics.length);
    const source = canonical(text);
    for (const topic of topics) {
      expect(topic.trim()).toBe(topic);
      expect(topic.length).toBeGreaterThan(0);
      expect([...topic].length).toBeLessThanOrEqual(2 * 40 + 1);
      for (const part of topic.split(' ')) expect(source).toContain(canonical(part));
    }
  });

  it.prop([withMarkup])('never include markup: tags, attributes, URLs, code', (text) => {
    const topics = messageTopics(text).join(' ');
    for (const marker of MARKERS) expect(topics).not.toContain(marker);
    expect(topics).not.toMatch(/[<>=`]/);
  });

  it.prop([fc.string({ minLength: MAX_TOPIC_TEXT + 1, maxLength: MAX_TOPIC_TEXT * 3 })], { numRuns: 30 })(
    'read only the start of a long message',
    (text) => {
      const start = text.slice(0, MAX_TOPIC_TEXT);
      const head = /[\uD800-\uDBFF]$/.test(start) ? start.slice(0, -1) : start;
      expect(messageTopics(text)).toEqual(messageTopics(head));
    },
  );
});
