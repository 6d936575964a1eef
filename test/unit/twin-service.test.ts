import { describe, expect, it } from 'vitest';
import { ScriptedChatModel } from '../../src/adapters/memory/scripted-chat-model.js';
import type { ChatStreamOutput } from '../../src/domain/chat/twin-service.js';
import { DomainError, ModelUnavailable } from '../../src/domain/errors.js';
import { fakeAdapters, serviceWith } from '../support/twin-fixture.js';

async function collect(events: AsyncIterable<ChatStreamOutput>): Promise<ChatStreamOutput[]> {
  const all: ChatStreamOutput[] = [];
  for await (const event of events) all.push(event);
  return all;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not-a-domain-error';
  }
}

describe('TwinService.chat', () => {
  it('creates a session when none is given and stores both messages', async () => {
    const adapters = fakeAdapters();
    const service = serviceWith(adapters);
    const reply = await service.chat({ message: '  Hello there  ' });
    expect(reply).toMatchObject({
      response: 'You said: Hello there',
      session_id: '5f3c9e21-7b4d-4a86-9d0e-2c61b8a70001',
      grounded: true,
    });
    const stored = await adapters.store.load(reply.session_id);
    expect(stored?.messages.map((m) => [m.seq, m.role, m.content])).toEqual([
      [1, 'user', 'Hello there'],
      [2, 'assistant', 'You said: Hello there'],
    ]);
    expect(stored?.messages[0]?.timestamp).toBe('2026-03-04T05:06:07.000Z');
  });

  it('remembers earlier turns of the session and sends them to the model', async () => {
    const adapters = fakeAdapters();
    const service = serviceWith(adapters);
    const first = await service.chat({ message: 'My name is Sam' });
    await service.chat({ message: 'What is my name?', session_id: first.session_id });
    const model = adapters.model as ScriptedChatModel;
    expect(model.requests[1]?.messages.map((m) => m.content)).toEqual([
      'My name is Sam',
      'You said: My name is Sam',
      'What is my name?',
    ]);
  });

  it('renders the system prompt from the persona with the clock date', async () => {
    const adapters = fakeAdapters();
    await serviceWith(adapters).chat({ message: 'hi' });
    const system = (adapters.model as ScriptedChatModel).requests[0]?.system ?? '';
    expect(system).toContain('Noor Haddad');
    expect(system).toContain('2026-03-04');
  });

  it('sends only the newest whole turns that fit the history budget', async () => {
    const adapters = fakeAdapters({ model: new ScriptedChatModel('ok') });
    const service = serviceWith(adapters, { historyTokens: 14 });
    const { session_id } = await service.chat({ message: 'one one one' });
    await service.chat({ message: 'two two two', session_id });
    await service.chat({ message: 'three', session_id });
    const last = (adapters.model as ScriptedChatModel).requests.at(-1);
    // Each turn costs (3 + 4) + (1 + 4) = 12 tokens with the word counter: only one turn fits 14.
    expect(last?.messages.map((m) => m.content)).toEqual(['two two two', 'ok', 'three']);
  });

  it('keeps the question when the model fails, and reports model_unavailable', async () => {
    const adapters = fakeAdapters({
      model: new ScriptedChatModel(() => new Error('socket hang up: secret-host:1234')),
    });
    const service = serviceWith(adapters);
    let caught: unknown;
    await service.chat({ message: 'Are you there?', session_id: 'visitor-0001' }).catch((error) => {
      caught = error;
    });
    expect(caught).toBeInstanceOf(ModelUnavailable);
    expect((caught as Error).message).not.toContain('secret-host');
    const stored = await adapters.store.load('visitor-0001' as never);
    expect(stored?.messages.map((m) => m.content)).toEqual(['Are you there?']);
    expect(adapters.logger.entries.some((e) => e.level === 'error')).toBe(true);
  });

  it('rejects bad input before touching the store', async () => {
    const adapters = fakeAdapters();
    const service = serviceWith(adapters, { maxMessageChars: 10 });
    expect(await codeOf(service.chat({ message: '' }))).toBe('invalid_input');
    expect(await codeOf(service.chat({ message: 'x'.repeat(11) }))).toBe('invalid_input');
    expect(await codeOf(service.chat({ message: 'hi', session_id: '../../etc/passwd' }))).toBe('invalid_input');
    expect((await adapters.store.listSessions({ limit: 10 })).items).toHaveLength(0);
  });

  it('refuses to continue a deleted conversation', async () => {
    const service = serviceWith();
    const { session_id } = await service.chat({ message: 'hello' });
    await service.deleteConversation(session_id);
    expect(await codeOf(service.getConversation(session_id))).toBe('not_found');
    expect(await codeOf(service.chat({ message: 'again', session_id }))).toBe('conflict');
  });

  it('records business metrics', async () => {
    const adapters = fakeAdapters();
    const service = serviceWith(adapters);
    const { session_id } = await service.chat({ message: 'one' });
    await service.chat({ message: 'two', session_id });
    expect(adapters.metrics.named('ConversationCount')).toHaveLength(1);
    expect(adapters.metrics.named('MessageCount')).toHaveLength(4);
    expect(adapters.metrics.named('OutputTokens').map((p) => p.value)).toEqual([3, 3]);
  });
});

describe('TwinService.chatStream', () => {
  it('yields the session, then tokens, then the stored reply', async () => {
    const adapters = fakeAdapters({ model: new ScriptedChatModel('one two three') });
    const events = await collect(serviceWith(adapters).chatStream({ message: 'count' }));
    expect(events.map((e) => e.type)).toEqual(['session', 'token', 'token', 'token', 'done']);
    const done = events.at(-1);
    expect(done?.type === 'done' && done.reply.response).toBe('one two three');
    const stored = await adapters.store.load('5f3c9e21-7b4d-4a86-9d0e-2c61b8a70001' as never);
    expect(stored?.messages.map((m) => m.content)).toEqual(['count', 'one two three']);
  });

  it('keeps the question and throws model_unavailable when the model fails mid-way', async () => {
    const adapters = fakeAdapters({ model: new ScriptedChatModel(() => new Error('boom')) });
    expect(await codeOf(collect(serviceWith(adapters).chatStream({ message: 'hi', session_id: 'visitor-0002' })))).toBe(
      'model_unavailable',
    );
    expect((await adapters.store.load('visitor-0002' as never))?.messages).toHaveLength(1);
  });
});

describe('TwinService conversations', () => {
  it('purges a conversation completely and 404s an unknown one', async () => {
    const adapters = fakeAdapters();
    const service = serviceWith(adapters);
    const { session_id } = await service.chat({ message: 'forget me' });
    await service.deleteConversation(session_id, { purge: true });
    expect(await adapters.store.load(session_id)).toBeNull();
    expect(await codeOf(service.deleteConversation(session_id, { purge: true }))).toBe('not_found');
    expect(await codeOf(service.deleteConversation('unknown-session'))).toBe('not_found');
  });

  it('lists sessions newest first with a clamped page size', async () => {
    const adapters = fakeAdapters();
    const service = serviceWith(adapters);
    const a = await service.chat({ message: 'a' });
    adapters.clock.advance(1000);
    const b = await service.chat({ message: 'b' });
    const page = await service.listSessions({ limit: 1000 });
    expect(page.items.map((s) => s.session_id)).toEqual([b.session_id, a.session_id]);
  });
});
