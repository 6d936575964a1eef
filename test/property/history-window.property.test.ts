import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { splitTurns, utf8Length, windowHistory } from '../../src/domain/chat/history-window.js';
import type { Message, MessageId, Role } from '../../src/domain/conversation/conversation.js';

const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;

const history = fc
  .array(fc.record({ role: fc.constantFrom<Role>('user', 'assistant'), content: fc.lorem({ maxCount: 30 }) }), {
    maxLength: 60,
  })
  .map((items) =>
    items.map(
      (item, i): Message => ({
        ...item,
        id: `m${i}` as MessageId,
        seq: i + 1,
        timestamp: new Date(i * 1000).toISOString(),
      }),
    ),
  );

const cost = (messages: readonly Message[]) => messages.reduce((sum, m) => sum + countWords(m.content) + 4, 0);

describe('history window', () => {
  test.prop([history, fc.nat({ max: 400 })])(
    'fits the budget, keeps whole turns, and is a suffix of the history',
    (messages, budget) => {
      const window = windowHistory(messages, budget, countWords);
      expect(cost(window)).toBeLessThanOrEqual(budget);
      expect(window).toEqual(messages.slice(messages.length - window.length));
      if (window.length > 0 && window.length < messages.length) expect(window[0]?.role).toBe('user');
    },
  );

  test.prop([history, fc.nat({ max: 400 })])(
    'is the longest such suffix: the next older turn would not fit',
    (messages, budget) => {
      const window = windowHistory(messages, budget, countWords);
      const turns = splitTurns(messages);
      const keptTurns = splitTurns(window).length;
      const nextTurn = turns[turns.length - keptTurns - 1];
      if (nextTurn) expect(cost(window) + cost(nextTurn)).toBeGreaterThan(budget);
    },
  );

  test.prop([history])('an ample budget keeps everything', (messages) => {
    expect(windowHistory(messages, Number.MAX_SAFE_INTEGER, countWords)).toEqual(messages);
  });

  it('never sends a reply without its question', () => {
    const m = (seq: number, role: Role, content: string): Message => ({
      id: `m${seq}` as MessageId,
      seq,
      role,
      content,
      timestamp: '2026-01-01T00:00:00.000Z',
    });
    const messages = [m(1, 'user', 'one two'), m(2, 'assistant', 'three four five six'), m(3, 'user', 'seven')];
    // The budget fits the last question and the previous reply, but not the reply's question.
    const window = windowHistory(messages, 5 + 4 + 9, countWords);
    expect(window.map((x) => x.seq)).toEqual([3]);
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 300 })])('measures UTF-8 length as Node encodes it', (text) => {
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });

  test.prop([history, fc.nat({ max: 4000 })])(
    'counts nothing when the bytes of the whole history fit, and keeps it all',
    (messages, budget) => {
      const counted: string[] = [];
      const window = windowHistory(messages, budget, (text) => {
        counted.push(text);
        return countWords(text);
      });
      const bytes = messages.reduce((sum, m) => sum + Buffer.byteLength(m.content) + 4, 0);
      if (bytes <= budget) {
        expect(counted).toEqual([]);
        expect(window).toEqual(messages);
      }
    },
  );
});
