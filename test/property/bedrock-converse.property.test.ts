import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { converseMessages } from '../../src/adapters/bedrock/converse-messages.js';
import { ThinkingFilter, withoutThinking } from '../../src/adapters/bedrock/thinking-filter.js';
import type { Role } from '../../src/domain/conversation/conversation.js';
import type { ChatTurn } from '../../src/ports/chat-model.js';

// Any text at all: astral planes, RTL, combining marks, lone surrogates, whitespace-only, empty.
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\n\t ', '\u00a0', 'שלום', 'e\u0301', '👩‍👩‍👧', '\ud800', 'Hi!'),
);
const turn = fc.record({ role: fc.constantFrom<Role>('user', 'assistant'), content: anyText });
const history = fc
  .tuple(
    fc.array(turn, { maxLength: 12 }),
    fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
  )
  .map(([turns, question]): ChatTurn[] => [...turns, { role: 'user', content: question }]);

/** Splits text at arbitrary points, the way deltas may cut it. */
function pieces(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const point of [...points, text.length]) {
    out.push(text.slice(last, point));
    last = point;
  }
  return out;
}

function streamed(text: string, cuts: readonly number[]): string {
  const filter = new ThinkingFilter();
  return (
    pieces(text, cuts)
      .map((piece) => filter.push(piece))
      .join('') + filter.flush()
  );
}

const plain = fc.string({ maxLength: 30 }).filter((s) => !s.includes('<'));

describe('Converse messages from any history', () => {
  test.prop([history])(
    'start with the user, alternate roles, carry nothing blank, keep every non-blank turn in order',
    (turns) => {
      const messages = converseMessages(turns);
      expect(messages[0]?.role).toBe('user');
      expect(messages.at(-1)?.role).toBe('user');
      messages.forEach((message, i) => {
        if (i > 0) expect(message.role).not.toBe(messages[i - 1]?.role);
        expect(message.content?.length).toBeGreaterThan(0);
        for (const block of message.content ?? []) expect(block.text?.trim()).not.toBe('');
      });
      const firstUser = turns.findIndex((t) => t.role === 'user' && t.content.trim() !== '');
      const kept = turns.slice(firstUser).filter((t) => t.content.trim() !== '');
      const sent = messages.flatMap((m) => (m.content ?? []).map((block) => ({ role: m.role, content: block.text })));
      expect(sent).toEqual(kept.map((t) => ({ role: t.role, content: t.content })));
    },
  );
});

describe('the <thinking> filter', () => {
  test.prop([plain, fc.array(fc.nat(), { maxLength: 6 })])(
    'leaves text without tags as it is (bar leading space), however it is cut',
    (text, cuts) => {
      expect(streamed(text, cuts)).toBe(text.trimStart());
    },
  );

  test.prop([plain, plain, plain, fc.array(fc.nat(), { maxLength: 8 })])(
    'removes every thought, whole or cut into pieces, and nothing else',
    (before, thought, after, cuts) => {
      const text = `${before}<thinking>${thought}</thinking>${after}`;
      expect(streamed(text, cuts)).toBe(`${before}${after}`.trimStart());
      expect(withoutThinking(text)).toBe(`${before}${after}`.trimStart());
    },
  );

  it('shows a lone "<" or a tag that never completes, and drops an unclosed thought', () => {
    expect(withoutThinking('I <3 acoustics')).toBe('I <3 acoustics');
    expect(withoutThinking('a <thin')).toBe('a <thin');
    expect(withoutThinking('Answer.<thinking>never closed')).toBe('Answer.');
  });
});
