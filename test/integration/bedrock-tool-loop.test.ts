import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { InMemoryAnswerBook } from '../../src/adapters/memory/in-memory-answer-book.js';
import { InMemoryConversationStore } from '../../src/adapters/memory/in-memory-conversation-store.js';
import { InMemoryKnowledgeGapStore } from '../../src/adapters/memory/in-memory-knowledge-gap-store.js';
import { InMemoryLeadStore } from '../../src/adapters/memory/in-memory-lead-store.js';
import { InMemoryMetricsSink } from '../../src/adapters/memory/metrics.js';
import { RecordingNotifier } from '../../src/adapters/memory/notifiers.js';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { SequentialIds } from '../../src/adapters/memory/sequential-ids.js';
import { StaticPersonaSource } from '../../src/adapters/memory/static-persona-source.js';
import { MAX_TOOL_ROUNDS } from '../../src/adapters/openai/twin-tool-calls.js';
import { type ChatStreamOutput, TwinService } from '../../src/domain/chat/twin-service.js';
import { KnowledgeService } from '../../src/domain/knowledge/knowledge-service.js';
import { DEFAULT_MODEL_PRICES } from '../../src/domain/monitoring/model-prices.js';
import { standInModel } from '../support/bedrock-stand-in.js';
import { type BedrockHandler, bedrock, FakeBedrockServer } from '../support/fake-bedrock-server.js';
import { testPersona } from '../support/personas.js';

let fake: FakeBedrockServer;
beforeAll(async () => {
  fake = await FakeBedrockServer.start();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});

function twin(modelId = 'amazon.nova-lite-v1:0') {
  const persona = new StaticPersonaSource(testPersona());
  const clock = new FixedClock('2026-03-04T05:06:07.000Z');
  const gaps = new InMemoryKnowledgeGapStore();
  const leads = new InMemoryLeadStore();
  const notifier = new RecordingNotifier();
  const logger = new RecordingLogger();
  const metrics = new InMemoryMetricsSink();
  const knowledge = new KnowledgeService({
    gaps,
    leads,
    answers: new InMemoryAnswerBook(),
    notifier,
    persona,
    clock,
    logger,
  });
  const service = new TwinService({
    store: new InMemoryConversationStore(),
    model: standInModel(fake, { modelId }),
    persona,
    metrics,
    clock,
    ids: new SequentialIds(),
    logger,
    knowledge,
    prices: DEFAULT_MODEL_PRICES,
  });
  return { service, gaps, leads, notifier, metrics };
}

async function streamed(service: TwinService, message: string) {
  const events: ChatStreamOutput[] = [];
  for await (const event of service.chatStream({ message })) events.push(event);
  return events;
}

describe('Bedrock tool use, looped until the model answers', () => {
  it('records an unknown question, sends the result back, and marks the answer ungrounded', async () => {
    const { service, gaps, notifier } = twin();
    fake.enqueue(
      bedrock.toolUse([{ name: 'record_unknown_question', input: { question: 'Do you have a dog?' } }], {
        text: '<thinking>The persona says nothing about pets.</thinking>',
      }),
      bedrock.text("I don't know that; email me at noor@example.org."),
    );

    const answer = await service.chat({ message: 'Got a dog?' });

    expect(answer).toMatchObject({ grounded: false, response: "I don't know that; email me at noor@example.org." });
    expect((await gaps.list()).map((g) => [g.question, g.times_asked])).toEqual([['Do you have a dog?', 1]]);
    expect(notifier.notifications.map((n) => n.type)).toEqual(['knowledge_gap']);
    const [first, second] = fake.requests;
    expect(first?.body.toolConfig?.tools.map((t) => t.toolSpec.name)).toEqual([
      'record_unknown_question',
      'record_user_details',
    ]);
    expect(first?.body.toolConfig?.tools[0]?.toolSpec.inputSchema).toMatchObject({
      json: { type: 'object', required: ['question'] },
    });
    const [assistant, results] = second?.body.messages?.slice(-2) ?? [];
    expect(assistant).toEqual({
      role: 'assistant',
      content: [
        { text: '<thinking>The persona says nothing about pets.</thinking>' },
        {
          toolUse: {
            toolUseId: 'tooluse_1',
            name: 'record_unknown_question',
            input: { question: 'Do you have a dog?' },
          },
        },
      ],
    });
    expect(results?.role).toBe('user');
    expect(results?.content[0]?.toolResult?.toolUseId).toBe('tooluse_1');
    expect(results?.content[0]?.toolResult?.content[0]?.text).toContain('Recorded');
    // The conversation with tool blocks keeps its toolConfig, as Converse requires.
    expect(second?.body.toolConfig).toBeDefined();
  });

  it('does the same while streaming: input arrives in pieces, the thought is never shown', async () => {
    const { service, gaps } = twin();
    fake.enqueue(
      bedrock.toolUse([{ name: 'record_unknown_question', input: { question: 'Favourite colour?' } }], {
        text: '<thinking>Not in the persona.</thinking>',
      }),
      bedrock.text('I have not shared that.'),
    );

    const events = await streamed(service, 'What is your favourite colour?');

    const tokens = events.flatMap((e) => (e.type === 'token' ? [e.text] : []));
    expect(tokens.join('')).toBe('I have not shared that.');
    expect(events.at(-1)).toMatchObject({ type: 'done', reply: { grounded: false } });
    expect((await gaps.list())[0]?.question).toBe('Favourite colour?');
    expect(fake.requests.map((r) => r.operation)).toEqual(['converse-stream', 'converse-stream']);
    const replayed = fake.requests[1]?.body.messages?.at(-2)?.content.at(-1);
    expect(replayed?.toolUse).toEqual({
      toolUseId: 'tooluse_1',
      name: 'record_unknown_question',
      input: { question: 'Favourite colour?' },
    });
  });

  it('stays grounded when the model answers without using a tool', async () => {
    const { service, gaps } = twin();
    fake.enqueue(bedrock.text("I'm based in Valparaíso."));

    expect((await service.chat({ message: 'Where are you based?' })).grounded).toBe(true);
    expect(await gaps.list()).toEqual([]);
  });

  it('records contact details only when the visitor wrote the address', async () => {
    const { service, leads } = twin();
    fake.enqueue(
      bedrock.toolUse([
        { name: 'record_user_details', input: { email: 'ines@example.pt', name: 'Inês', notes: 'Hall acoustics' } },
      ]),
      bedrock.text('Thanks Inês, Noor will be in touch.'),
    );
    await service.chat({ message: "I'm Inês, please contact me at ines@example.pt about our hall." });
    expect(await leads.list()).toEqual([
      expect.objectContaining({
        email: 'ines@example.pt',
        name: 'Inês',
        session_id: '5f3c9e21-7b4d-4a86-9d0e-2c61b8a70001',
      }),
    ]);

    fake.enqueue(
      bedrock.toolUse([{ name: 'record_user_details', input: { email: 'guessed@example.com' } }]),
      bedrock.text('What address should Noor use?'),
    );
    await service.chat({ message: 'Please have Noor contact me.' });
    expect((await leads.list()).map((l) => l.email)).toEqual(['ines@example.pt']);
    const lastResult = fake.requests.at(-1)?.body.messages?.at(-1)?.content[0]?.toolResult;
    expect(lastResult?.content[0]?.text).toContain('Not recorded');
  });

  it('reports bad input and unknown tools to the model instead of failing', async () => {
    const { service, gaps } = twin();
    fake.enqueue(
      bedrock.toolUse([
        { name: 'record_unknown_question', input: '{not json' },
        { name: 'delete_everything', input: {} },
      ]),
      bedrock.text('Sorry, I do not know.'),
    );

    const events = await streamed(service, 'What is your shoe size?');

    expect(events.at(-1)).toMatchObject({ type: 'done', reply: { response: 'Sorry, I do not know.', grounded: true } });
    const results = fake.requests[1]?.body.messages?.at(-1)?.content.map((c) => c.toolResult?.content[0]?.text);
    expect(results).toEqual([
      'Error: the arguments were not a JSON object.',
      'Error: there is no tool called delete_everything.',
    ]);
    expect(await gaps.list()).toEqual([]);
  });

  it(`asks for text after ${MAX_TOOL_ROUNDS} rounds, so a looping model must answer`, async () => {
    const { service } = twin();
    const looping: BedrockHandler = (exchange) =>
      exchange.request.body.system?.some((block) => block.text.includes('without calling any tool'))
        ? bedrock.text('Finally, an answer.')(exchange)
        : bedrock.toolUse([{ name: 'record_unknown_question', input: { question: 'loop' } }])(exchange);
    fake.fallback = looping;
    try {
      const answer = await service.chat({ message: 'Anything?' });
      expect(answer.response).toBe('Finally, an answer.');
      expect(fake.requests).toHaveLength(MAX_TOOL_ROUNDS + 1);
    } finally {
      fake.fallback = bedrock.text('Hello from the stand-in.');
    }
  });

  it('ignores tool uses in the last round and answers with its text, or fails when there is none', async () => {
    const { service } = twin();
    fake.fallback = bedrock.toolUse([{ name: 'record_unknown_question', input: { question: 'loop' } }], {
      text: 'Here is what I can say.',
    });
    try {
      expect((await service.chat({ message: 'Anything?' })).response).toBe('Here is what I can say.');
      fake.reset();
      fake.fallback = bedrock.toolUse([{ name: 'record_unknown_question', input: { question: 'loop' } }]);
      await expect(service.chat({ message: 'Anything else?' })).rejects.toMatchObject({ code: 'model_unavailable' });
      expect(fake.requests).toHaveLength(MAX_TOOL_ROUNDS + 1);
    } finally {
      fake.fallback = bedrock.text('Hello from the stand-in.');
    }
  });

  it('sums the usage of every round into the token metrics and the Nova price', async () => {
    const { service, metrics } = twin('us.amazon.nova-lite-v1:0');
    fake.enqueue(
      bedrock.toolUse([{ name: 'record_unknown_question', input: { question: 'Cats?' } }]),
      bedrock.text('No idea.', { usage: { inputTokens: 1000, outputTokens: 100 } }),
    );

    await service.chat({ message: 'Do you like cats?' });

    const dimensions = { Model: 'us.amazon.nova-lite-v1:0' };
    expect(metrics.named('InputTokens')).toEqual([expect.objectContaining({ value: 1020, dimensions })]);
    expect(metrics.named('OutputTokens')).toEqual([expect.objectContaining({ value: 105, dimensions })]);
    const [cost] = metrics.named('EstimatedCost');
    expect(cost?.value).toBeCloseTo((1020 * 0.06 + 105 * 0.24) / 1e6, 12);
  });
});
