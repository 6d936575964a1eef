import { describe, expect, it } from 'vitest';
import { ScriptedChatModel } from '../../src/adapters/memory/scripted-chat-model.js';
import { renderedPrompt } from '../../src/domain/chat/rendered-prompts.js';
import { TokenCounts } from '../../src/domain/chat/token-counts.js';
import { renderSystemPrompt } from '../../src/domain/persona/system-prompt.js';
import { testPersona } from '../support/personas.js';
import { fakeAdapters, serviceWith } from '../support/twin-fixture.js';

/** The scripted model, remembering every text it was asked to count. */
class CountingModel extends ScriptedChatModel {
  readonly counted: string[] = [];
  override countTokens(text: string): number {
    this.counted.push(text);
    return super.countTokens(text);
  }
}

describe('TokenCounts', () => {
  it('encodes a text once, then answers from memory', () => {
    const encoded: string[] = [];
    const counts = new TokenCounts((text) => {
      encoded.push(text);
      return text.length;
    });
    expect([counts.count('hello'), counts.count('hello'), counts.count('hi'), counts.count('hello')]).toEqual([
      5, 5, 2, 5,
    ]);
    expect(encoded).toEqual(['hello', 'hi']);
  });

  it('forgets the oldest texts beyond maxEntries or maxChars', () => {
    const encoded: string[] = [];
    const counts = new TokenCounts(
      (text) => {
        encoded.push(text);
        return 1;
      },
      { maxEntries: 2, maxChars: 10 },
    );
    for (const text of ['a', 'b', 'a', 'c', 'b', 'a']) counts.count(text);
    // "a" was the oldest when "c" came, so it was encoded again; "b" stayed.
    expect(encoded).toEqual(['a', 'b', 'c', 'a']);
    counts.count('0123456789'); // ten characters: everything else must go
    counts.count('a');
    expect(encoded.at(-1)).toBe('a');
  });
});

describe('renderedPrompt', () => {
  it('renders once per persona and UTC day, exactly as renderSystemPrompt does', () => {
    const persona = testPersona();
    const morning = new Date('2026-03-04T05:00:00Z');
    const first = renderedPrompt(persona, morning);
    expect(first).toBe(renderSystemPrompt(persona, morning));
    expect(renderedPrompt(persona, new Date('2026-03-04T23:59:59Z'))).toBe(first);
    const nextDay = renderedPrompt(persona, new Date('2026-03-05T00:00:00Z'));
    expect(nextDay).toContain('2026-03-05');
    // A changed persona is a new object: its prompt is rendered anew.
    const changed = { ...persona, summary: 'A different summary.' };
    expect(renderedPrompt(changed, morning)).toContain('A different summary.');
  });

  it('keeps one prompt per passage selection, rendering the texts only on a miss', () => {
    const persona = testPersona();
    const now = new Date('2026-03-04T05:00:00Z');
    let rendered = 0;
    const selection = (ids: string[]) => ({
      ids,
      texts: () => {
        rendered += 1;
        return ids.map((id) => `text of ${id}`);
      },
    });
    const one = renderedPrompt(persona, now, selection(['p1', 'p2']));
    expect(renderedPrompt(persona, now, selection(['p1', 'p2']))).toBe(one);
    expect(renderedPrompt(persona, now, selection(['p2', 'p1']))).not.toBe(one);
    expect(rendered).toBe(2);
    expect(one).toBe(renderSystemPrompt(persona, now, { passages: ['text of p1', 'text of p2'] }));
  });
});

describe('a chat turn’s token counting', () => {
  it('encodes each stored message once, however many later turns window it again', async () => {
    const model = new CountingModel((request) => `Answer to ${request.messages.at(-1)?.content}`);
    // A budget below the history's bytes, so the window really counts (a history whose bytes fit is not counted).
    const service = serviceWith(fakeAdapters({ model }), { historyTokens: 60 });
    const { session_id } = await service.chat({ message: 'First question' });
    for (let i = 0; i < 12; i++) await service.chat({ message: `Question number ${i}`, session_id });
    // Without the memory, a question would be encoded again by each later turn that windows it.
    const times = (text: string) => model.counted.filter((counted) => counted === text).length;
    expect(times('Question number 5')).toBe(1); // windowed by several later turns
    for (let i = 0; i < 11; i++) {
      expect(times(`Question number ${i}`)).toBeLessThanOrEqual(1);
      // Once in the history window, once by the scripted model for its own usage figures.
      expect(times(`Answer to Question number ${i}`)).toBeLessThanOrEqual(2);
    }
  });
});
