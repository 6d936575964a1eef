import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { ScriptedChatModel } from '../../src/adapters/memory/scripted-chat-model.js';
import { TwinService } from '../../src/domain/chat/twin-service.js';
import { DomainError } from '../../src/domain/errors.js';
import { DEFAULT_MODEL_PRICES, estimateCost } from '../../src/domain/monitoring/model-prices.js';
import { fakeAdapters } from '../support/twin-fixture.js';

async function drain<T>(events: AsyncGenerator<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('TwinService metrics', () => {
  it('counts questions by the message, not by its wording in one language', async () => {
    const adapters = fakeAdapters();
    const service = new TwinService(adapters);
    const first = await service.chat({ message: 'Where do you live' });
    await service.chat({ message: '¿Dónde trabajas?', session_id: first.session_id });
    await service.chat({ message: 'Nice to meet you.', session_id: first.session_id });
    expect(adapters.metrics.named('QuestionCount')).toHaveLength(2);
  });

  it('counts a session once per UTC day it is active', async () => {
    const adapters = fakeAdapters();
    const clock = new FixedClock('2026-03-04T23:59:00.000Z');
    const service = new TwinService({ ...adapters, clock });
    const first = await service.chat({ message: 'hi' });
    await service.chat({ message: 'again', session_id: first.session_id });
    clock.set(new Date('2026-03-05T00:01:00.000Z'));
    await service.chat({ message: 'next day', session_id: first.session_id });
    await service.chat({ message: 'still next day', session_id: first.session_id });
    await service.chat({ message: 'another visitor' });
    expect(adapters.metrics.named('SessionCount')).toHaveLength(3);
    expect(adapters.metrics.named('ConversationCount')).toHaveLength(2);
  });

  it('estimates cost from the price table, and records none for a model without a price', async () => {
    const priced = fakeAdapters({ model: new ScriptedChatModel('one two three', { name: 'gpt-4o-mini' }) });
    await new TwinService(priced).chat({ message: 'hi' });
    const [cost] = priced.metrics.named('EstimatedCost');
    expect(cost?.value).toBeCloseTo((1 * 0.15 + 3 * 0.6) / 1e6, 12);
    expect(cost?.dimensions).toEqual({ Model: 'gpt-4o-mini' });

    const custom = fakeAdapters({ model: new ScriptedChatModel('x', { name: 'my-llama' }) });
    await new TwinService({ ...custom, prices: { 'my-llama': { input: 1_000_000, output: 0 } } }).chat({
      message: 'hi',
    });
    expect(custom.metrics.named('EstimatedCost').map((p) => p.value)).toEqual([1]);

    const unknown = fakeAdapters({ model: new ScriptedChatModel('x', { name: 'mystery' }) });
    await new TwinService(unknown).chat({ message: 'hi' });
    expect(unknown.metrics.named('EstimatedCost')).toEqual([]);
  });

  it('prices dated model snapshots like their family', () => {
    const usage = { input_tokens: 1_000_000, output_tokens: 0 };
    expect(estimateCost(DEFAULT_MODEL_PRICES, 'gpt-4o-mini-2024-07-18', usage)).toBeCloseTo(0.15);
  });

  it('records time to first token once per streamed answer', async () => {
    const adapters = fakeAdapters({ model: new ScriptedChatModel('several words in this answer') });
    await drain(new TwinService(adapters).chatStream({ message: 'hi' }));
    const points = adapters.metrics.named('TimeToFirstToken');
    expect(points).toHaveLength(1);
    expect(points[0]?.unit).toBe('Milliseconds');
    expect(points[0]?.dimensions).toEqual({ Model: 'scripted' });
  });

  it('counts model failures by code, and not store or input failures', async () => {
    const adapters = fakeAdapters({
      model: new ScriptedChatModel((request) => {
        const text = request.messages.at(-1)?.content ?? '';
        if (text === 'crash') return new Error('socket hang up');
        if (text === 'busy') return new DomainError('rate_limited', 'slow down', { retryAfterSeconds: 2 });
        return 'ok';
      }),
    });
    const service = new TwinService(adapters);
    await expect(service.chat({ message: 'crash' })).rejects.toMatchObject({ code: 'model_unavailable' });
    await expect(service.chat({ message: 'busy' })).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(drain(service.chatStream({ message: 'crash' }))).rejects.toMatchObject({ code: 'model_unavailable' });
    await expect(service.chat({ message: '   ' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(adapters.metrics.named('ModelErrors').map((p) => p.dimensions?.Code)).toEqual([
      'model_unavailable',
      'rate_limited',
      'model_unavailable',
    ]);
  });
});
