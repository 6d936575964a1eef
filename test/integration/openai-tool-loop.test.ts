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
import { OpenAiChatModel } from '../../src/adapters/openai/openai-chat-model.js';
import { MAX_TOOL_ROUNDS } from '../../src/adapters/openai/twin-tool-calls.js';
import { AnsweredPersonaSource } from '../../src/adapters/system/answered-persona-source.js';
import { type ChatStreamOutput, TwinService } from '../../src/domain/chat/twin-service.js';
import { KnowledgeService } from '../../src/domain/knowledge/knowledge-service.js';
import type { Persona } from '../../src/domain/persona/persona.js';
import { unrelatedPages } from '../eval/padding.js';
import { type FakeHandler, FakeOpenAiServer, reply } from '../support/fake-openai-server.js';
import { testPersona } from '../support/personas.js';

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await FakeOpenAiServer.start();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});

function twin(limits: { contextTokens?: number } = {}, extraDocuments: Persona['documents'] = []) {
  const base = testPersona();
  const clock = new FixedClock('2026-03-04T05:06:07.000Z');
  const answers = new InMemoryAnswerBook();
  const persona = new AnsweredPersonaSource({
    persona: new StaticPersonaSource({ ...base, documents: [...base.documents, ...extraDocuments] }),
    answers,
    clock,
  });
  const gaps = new InMemoryKnowledgeGapStore();
  const leads = new InMemoryLeadStore();
  const notifier = new RecordingNotifier();
  const logger = new RecordingLogger();
  const knowledge = new KnowledgeService({
    gaps,
    leads,
    answers,
    notifier,
    persona,
    clock,
    logger,
  });
  const service = new TwinService({
    store: new InMemoryConversationStore(),
    model: new OpenAiChatModel({ apiKey: 'test-key', baseURL: fake.baseURL, maxRetries: 0, timeoutMs: 5000 }),
    persona,
    metrics: new InMemoryMetricsSink(),
    clock,
    ids: new SequentialIds(),
    logger,
    knowledge,
    limits,
  });
  return { service, gaps, leads, notifier };
}

async function streamed(service: TwinService, message: string) {
  const events: ChatStreamOutput[] = [];
  for await (const event of service.chatStream({ message })) events.push(event);
  return events;
}

describe('OpenAI tool calls, looped until the model answers', () => {
  it('records an unknown question, sends the result back, and marks the answer ungrounded', async () => {
    const { service, gaps, notifier } = twin();
    fake.enqueue(
      reply.toolCalls([{ name: 'record_unknown_question', arguments: { question: 'Do you have a dog?' } }]),
      reply.text("I don't know that; email me at noor@example.org."),
    );
    const answer = await service.chat({ message: 'Got a dog?' });
    expect(answer).toMatchObject({ grounded: false, response: "I don't know that; email me at noor@example.org." });
    expect((await gaps.list()).map((g) => [g.question, g.times_asked])).toEqual([['Do you have a dog?', 1]]);
    expect(notifier.notifications.map((n) => n.type)).toEqual(['knowledge_gap']);

    const [first, second] = fake.requests;
    expect(first?.body.tools?.map((t) => t.function.name)).toEqual(['record_unknown_question', 'record_user_details']);
    const [assistant, tool] = second?.body.messages.slice(-2) ?? [];
    expect(assistant).toMatchObject({
      role: 'assistant',
      tool_calls: [{ id: 'call_1', function: { name: 'record_unknown_question' } }],
    });
    expect(tool).toMatchObject({ role: 'tool', tool_call_id: 'call_1' });
    expect(tool?.content).toContain('Recorded');
  });

  it('does the same while streaming: arguments arrive in pieces, tokens come from the final round', async () => {
    const { service, gaps } = twin();
    fake.enqueue(
      reply.toolCalls([{ name: 'record_unknown_question', arguments: { question: 'Favourite colour?' } }]),
      reply.text('I have not shared that.'),
    );
    const events = await streamed(service, 'What is your favourite colour?');
    const tokens = events.flatMap((e) => (e.type === 'token' ? [e.text] : []));
    expect(tokens.join('')).toBe('I have not shared that.');
    expect(events.at(-1)).toMatchObject({ type: 'done', reply: { grounded: false } });
    expect((await gaps.list())[0]?.question).toBe('Favourite colour?');
    expect(fake.requests[0]?.body.stream).toBe(true);
  });

  it('stays grounded when the model answers without calling a tool', async () => {
    const { service, gaps } = twin();
    fake.enqueue(reply.text("I'm based in Valparaíso."));
    expect((await service.chat({ message: 'Where are you based?' })).grounded).toBe(true);
    expect(await gaps.list()).toEqual([]);
  });

  it('records contact details only when the visitor wrote the address', async () => {
    const { service, leads } = twin();
    fake.enqueue(
      reply.toolCalls([
        { name: 'record_user_details', arguments: { email: 'ines@example.pt', name: 'Inês', notes: 'Hall acoustics' } },
      ]),
      reply.text('Thanks Inês, Noor will be in touch.'),
    );
    await service.chat({ message: "I'm Inês, please contact me at ines@example.pt about our hall." });
    expect(await leads.list()).toEqual([
      expect.objectContaining({
        email: 'ines@example.pt',
        name: 'Inês',
        notes: 'Hall acoustics',
        session_id: '5f3c9e21-7b4d-4a86-9d0e-2c61b8a70001',
      }),
    ]);

    fake.enqueue(
      reply.toolCalls([{ name: 'record_user_details', arguments: { email: 'guessed@example.com' } }]),
      reply.text('What address should Noor use?'),
    );
    await service.chat({ message: 'Please have Noor contact me.' });
    expect((await leads.list()).map((l) => l.email)).toEqual(['ines@example.pt']);
    expect(fake.requests.at(-1)?.body.messages.at(-1)?.content).toContain('Not recorded');
  });

  it('reports bad arguments and unknown tools to the model instead of failing', async () => {
    const { service, gaps } = twin();
    fake.enqueue(
      reply.toolCalls([
        { name: 'record_unknown_question', arguments: '{not json' },
        { name: 'delete_everything', arguments: {} },
      ]),
      reply.text('Sorry, I do not know.'),
    );
    const answer = await service.chat({ message: 'What is your shoe size?' });
    expect(answer.response).toBe('Sorry, I do not know.');
    const toolMessages = fake.requests[1]?.body.messages.filter((m) => m.role === 'tool') ?? [];
    expect(toolMessages.map((m) => m.content)).toEqual([
      'Error: the arguments were not a JSON object.',
      'Error: there is no tool called delete_everything.',
    ]);
    // No gap came through the tool, and the answer was not marked ungrounded by it.
    expect(answer.grounded).toBe(true);
    expect(await gaps.list()).toEqual([]);
  });

  it(`stops offering tools after ${MAX_TOOL_ROUNDS} rounds, so a looping model must answer`, async () => {
    const { service } = twin();
    const looping: FakeHandler = (exchange) =>
      exchange.request.body.tool_choice === 'none'
        ? reply.text('Finally, an answer.')(exchange)
        : reply.toolCalls([{ name: 'record_unknown_question', arguments: { question: 'loop' } }])(exchange);
    fake.fallback = looping;
    try {
      const answer = await service.chat({ message: 'Anything?' });
      expect(answer.response).toBe('Finally, an answer.');
      expect(fake.requests).toHaveLength(MAX_TOOL_ROUNDS + 1);
      expect(fake.requests.at(-1)?.body.tool_choice).toBe('none');
    } finally {
      fake.fallback = reply.text('Hello from the fake model.');
    }
  });

  it('sends retrieved passages, not the whole persona, when the persona exceeds TWIN_CONTEXT_TOKENS', async () => {
    const almanac = { source: 'almanac.md', kind: 'knowledge' as const, text: unrelatedPages(20) };
    const { service } = twin({ contextTokens: 1500 }, [almanac]);
    fake.enqueue(reply.text('It predicts flutter echoes.'));
    await service.chat({ message: 'What does EchoMap do?' });
    const system = fake.requests[0]?.body.messages[0]?.content ?? '';
    expect(system).toContain('Relevant passages');
    expect(system).toContain('EchoMap for predicting flutter echoes');
    expect(system).not.toContain('Aurora Hall');
    expect(system).toContain('Noor Haddad');
    expect(service.limits.contextTokens).toBe(1500);
    expect(system.length).toBeLessThan(almanac.text.length / 4);
  });
});
