import { describe, expect, it } from 'vitest';
import { ScriptedChatModel } from '../../src/adapters/memory/scripted-chat-model.js';
import { readClientHistory } from '../../src/domain/chat/client-history.js';
import { TwinService } from '../../src/domain/chat/twin-service.js';
import type { SessionId } from '../../src/domain/conversation/conversation.js';
import { DomainError } from '../../src/domain/errors.js';
import { fakeAdapters } from '../support/twin-fixture.js';

function chatWith(historyTokens = 3000) {
  const model = new ScriptedChatModel((request) => `echo ${request.messages.at(-1)?.content}`);
  const adapters = fakeAdapters({ model });
  const twin = new TwinService({ ...adapters, limits: { historyTokens } });
  // What /v1/chat/completions does with the client's messages: the last user message is the question.
  const complete = (input: { messages: { role: string; content: string }[]; sessionId?: SessionId }) => {
    const { history, question } = readClientHistory(input.messages, 4000);
    return twin.chat({ message: question, history, session_id: input.sessionId });
  };
  const stream = (input: { messages: { role: string; content: string }[]; sessionId?: SessionId }) => {
    const { history, question } = readClientHistory(input.messages, 4000);
    return twin.chatStream({ message: question, history, session_id: input.sessionId });
  };
  return { chat: { complete, stream }, model, adapters };
}

const turns = (n: number) =>
  Array.from({ length: n }, (_, i) => [
    { role: 'user', content: `question ${i}` },
    { role: 'assistant', content: `answer ${i}` },
  ]).flat();

describe('a client-held history (the /v1 shape) through the one turn pipeline', () => {
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

  it('stores the question and answer in a new session without a session id, in the given one with one', async () => {
    const { chat, adapters } = chatWith();
    const anonymous = await chat.complete({ messages: [{ role: 'user', content: 'anonymous' }] });
    expect((await adapters.store.load(anonymous.session_id))?.messages.map((m) => m.content)).toEqual([
      'anonymous',
      'echo anonymous',
    ]);
    const sessionId = 'client-session-1' as SessionId;
    const events = [];
    for await (const event of chat.stream({ messages: [{ role: 'user', content: 'kept' }], sessionId }))
      events.push(event);
    expect(events.at(-1)).toMatchObject({ type: 'done', reply: { response: 'echo kept' } });
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
    const error = await chat
      .complete({ messages: [{ role: 'user', content: 'again' }], sessionId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('conflict');
  });

  it('turns a model failure into model_unavailable without its text', async () => {
    const adapters = fakeAdapters({ model: new ScriptedChatModel(() => new Error('secret upstream detail')) });
    const twin = new TwinService(adapters);
    const error = await twin.chat({ message: 'hi', history: [] }).catch((e) => e);
    expect((error as DomainError).code).toBe('model_unavailable');
    expect((error as DomainError).message).not.toContain('secret');
  });
});
