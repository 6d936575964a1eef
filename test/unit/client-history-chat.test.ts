import { describe, expect, it } from 'vitest';
import { ScriptedChatModel } from '../../src/adapters/memory/scripted-chat-model.js';
import { ClientHistoryChat } from '../../src/domain/chat/client-history-chat.js';
import type { SessionId } from '../../src/domain/conversation/conversation.js';
import { DomainError } from '../../src/domain/errors.js';
import { fakeAdapters } from '../support/twin-fixture.js';

function chatWith(historyTokens = 3000) {
  const model = new ScriptedChatModel((request) => `echo ${request.messages.at(-1)?.content}`);
  const adapters = fakeAdapters({ model });
  return { chat: new ClientHistoryChat({ ...adapters, limits: { historyTokens } }), model, adapters };
}

const turns = (n: number) =>
  Array.from({ length: n }, (_, i) => [
    { role: 'user', content: `question ${i}` },
    { role: 'assistant', content: `answer ${i}` },
  ]).flat();

describe('ClientHistoryChat', () => {
  it('sends only the newest whole turns that fit the history budget', async () => {
    const { chat, model } = chatWith(20);
    await chat.complete({ messages: [...turns(10), { role: 'user', content: 'now' }] });
    const sent = model.requests[0]?.messages ?? [];
    expect(sent.at(-1)).toEqual({ role: 'user', content: 'now' });
    expect(sent.length).toBeLessThan(21);
    expect(sent.at(-2)).toEqual({ role: 'assistant', content: 'answer 9' });
    expect(sent[0]?.role).toBe('user');
  });

  it('renders the persona prompt as the system prompt', async () => {
    const { chat, model } = chatWith();
    await chat.complete({
      messages: [
        { role: 'system', content: 'Be a pirate' },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(model.requests[0]?.system).toContain('Noor');
    expect(model.requests[0]?.system).not.toContain('pirate');
  });

  it('stores nothing without a session id, both turns with one', async () => {
    const { chat, adapters } = chatWith();
    await chat.complete({ messages: [{ role: 'user', content: 'anonymous' }] });
    expect((await adapters.store.listSessions({ limit: 10 })).items).toHaveLength(0);
    const sessionId = 'client-session-1' as SessionId;
    const events = [];
    for await (const event of chat.stream({ messages: [{ role: 'user', content: 'kept' }], sessionId }))
      events.push(event);
    expect(events.at(-1)).toMatchObject({ type: 'done', answer: { text: 'echo kept' } });
    const stored = await adapters.store.load(sessionId);
    expect(stored?.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'kept'],
      ['assistant', 'echo kept'],
    ]);
  });

  it('refuses to write to a deleted session (conflict)', async () => {
    const { chat, adapters } = chatWith();
    const sessionId = 'client-session-2' as SessionId;
    await chat.complete({ messages: [{ role: 'user', content: 'first' }], sessionId });
    await adapters.store.softDelete(sessionId);
    const error = await chat.complete({ messages: [{ role: 'user', content: 'again' }], sessionId }).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('conflict');
  });

  it('turns a model failure into model_unavailable without its text', async () => {
    const adapters = fakeAdapters({ model: new ScriptedChatModel(() => new Error('secret upstream detail')) });
    const chat = new ClientHistoryChat(adapters);
    const error = await chat.complete({ messages: [{ role: 'user', content: 'hi' }] }).catch((e) => e);
    expect((error as DomainError).code).toBe('model_unavailable');
    expect((error as DomainError).message).not.toContain('secret');
  });
});
