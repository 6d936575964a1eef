import { fc } from '@fast-check/vitest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError, type ModelUnavailable } from '../../src/domain/errors.js';
import type {
  ChatModel,
  ChatRequest,
  ChatStreamEvent,
  ChatTurn,
  ToolOutcome,
  TwinTools,
} from '../../src/ports/chat-model.js';
import { testPersona } from '../support/personas.js';

/** What the harness makes the model's upstream answer next, whatever its protocol. */
export type UpstreamReply =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'busy' }
  /** The upstream declares the question unanswerable (a tool call), then answers `answer`. */
  | { readonly kind: 'unknown_question'; readonly question: string; readonly answer: string };

/** One call as the upstream saw it, reduced to text. */
export interface ReceivedCall {
  readonly system: string;
  readonly turns: readonly { readonly role: string; readonly text: string }[];
}

export interface ChatModelHarness {
  readonly model: ChatModel;
  /** Scripts the upstream's replies to the next calls, in order. */
  script(...replies: UpstreamReply[]): void;
  /** What the upstream received on each call so far; undefined for a model without an upstream. */
  received(): readonly ReceivedCall[] | undefined;
  /** Whether the model offers the twin's tools to its upstream (function calling). */
  readonly usesTools: boolean;
  close(): Promise<void>;
}

const TURNS: readonly ChatTurn[] = [
  { role: 'user', content: 'Hi!' },
  { role: 'assistant', content: 'Hello, I am Noor.' },
  { role: 'user', content: '  \n ' },
  { role: 'user', content: 'What do you build?' },
];

function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { system: 'You are Noor. Answer in the first person.', messages: TURNS, persona: testPersona(), ...overrides };
}

class RecordingTools implements TwinTools {
  readonly questions: string[] = [];
  async recordUnknownQuestion(question: string): Promise<ToolOutcome> {
    this.questions.push(question);
    return { ok: true, note: 'Recorded for the owner. Tell the visitor you do not know.' };
  }
  async recordUserDetails(): Promise<ToolOutcome> {
    return { ok: false, note: 'Not recorded.' };
  }
}

async function collect(events: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const all: ChatStreamEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function expectUsage(usage: { input_tokens: number; output_tokens: number }): void {
  for (const count of [usage.input_tokens, usage.output_tokens]) {
    expect(Number.isInteger(count)).toBe(true);
    expect(count).toBeGreaterThanOrEqual(0);
  }
}

function expectModelUnavailable(error: unknown): DomainError {
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe('model_unavailable');
  return error as DomainError;
}

/** One suite for every ChatModel: the scripted fake, OpenAI and Bedrock against local stand-ins. */
/** What an implementation can be asked about: tests of what it lacks are not registered (never skipped). */
export interface ChatModelCapabilities {
  /** It talks to an upstream whose received requests the harness can show. */
  readonly upstream: boolean;
  /** It offers the twin's tools to its upstream. */
  readonly tools: boolean;
}

export function chatModelContract(
  name: string,
  capabilities: ChatModelCapabilities,
  make: () => Promise<ChatModelHarness>,
): void {
  const notRegistered = ((): void => {}) as unknown as typeof it;
  const withUpstream = capabilities.upstream ? it : notRegistered;
  const withTools = capabilities.tools ? it : notRegistered;
  describe(`${name} honours ChatModel`, () => {
    let harness: ChatModelHarness;
    beforeEach(async () => {
      harness = await make();
    });
    afterEach(async () => {
      await harness.close();
    });

    it('has a name and counts tokens of any text as a non-negative integer, zero for none', () => {
      expect(harness.model.name.length).toBeGreaterThan(0);
      expect(harness.model.countTokens('')).toBe(0);
      expect(harness.model.countTokens('Where are you based?')).toBeGreaterThan(0);
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
          const count = harness.model.countTokens(text);
          return Number.isInteger(count) && count >= 0;
        }),
        { numRuns: 60 },
      );
    });

    it('completes with the upstream text, its usage, grounded', async () => {
      harness.script({ kind: 'text', text: 'I build acoustic simulators.' });

      const completion = await harness.model.complete(request());

      expect(completion.text).toBe('I build acoustic simulators.');
      expect(completion.grounded).toBe(true);
      expectUsage(completion.usage);
    });

    it('streams tokens that add up to the answer, then exactly one done, last', async () => {
      harness.script({ kind: 'text', text: 'I build acoustic simulators.' });

      const events = await collect(harness.model.stream(request()));

      const done = events.filter((event) => event.type === 'done');
      expect(done).toHaveLength(1);
      expect(events.at(-1)).toBe(done[0]);
      const text = events.flatMap((event) => (event.type === 'token' ? [event.text] : [])).join('');
      expect(text).toBe('I build acoustic simulators.');
      expect(done[0]).toMatchObject({ grounded: true });
      expectUsage((done[0] as Extract<ChatStreamEvent, { type: 'done' }>).usage);
    });

    withUpstream('sends its upstream the system prompt and the turns in order, and nothing blank', async () => {
      harness.script({ kind: 'text', text: 'Simulators.' });
      await harness.model.complete(request());
      const received = harness.received();

      expect(received).toEqual([
        {
          system: 'You are Noor. Answer in the first person.',
          turns: [
            { role: 'user', text: 'Hi!' },
            { role: 'assistant', text: 'Hello, I am Noor.' },
            { role: 'user', text: 'What do you build?' },
          ],
        },
      ]);
    });

    it('never returns an empty upstream answer: it is model_unavailable, answering or streaming', async () => {
      harness.script({ kind: 'empty' }, { kind: 'empty' });

      const completeError = expectModelUnavailable(await rejection(harness.model.complete(request())));
      const events: ChatStreamEvent[] = [];
      const streamError = await rejection(
        (async () => {
          for await (const event of harness.model.stream(request())) events.push(event);
        })(),
      );
      expectModelUnavailable(streamError);
      expect(events.some((event) => event.type === 'done')).toBe(false);
      // An empty answer is still billed: the error says what it cost, so budgets count it.
      for (const error of [completeError, streamError]) {
        expect((error as ModelUnavailable).usage?.input_tokens).toBeGreaterThan(0);
      }
    });

    it('turns a busy upstream into model_unavailable with a retry hint, answering or streaming', async () => {
      harness.script({ kind: 'busy' }, { kind: 'busy' });

      const failures = [
        await rejection(harness.model.complete(request())),
        await rejection(collect(harness.model.stream(request()))),
      ];

      for (const failure of failures) {
        expect(expectModelUnavailable(failure).retryAfterSeconds).toBeGreaterThan(0);
      }
    });

    it('rejects with the reason of an already aborted signal, answering or streaming', async () => {
      const controller = new AbortController();
      controller.abort(new Error('the visitor left'));

      expect(await rejection(harness.model.complete(request({ signal: controller.signal })))).toBe(
        controller.signal.reason,
      );
      expect(await rejection(collect(harness.model.stream(request({ signal: controller.signal }))))).toBe(
        controller.signal.reason,
      );
    });

    withTools('records a question the upstream declares unanswerable, and the answer is not grounded', async () => {
      harness.script(
        { kind: 'unknown_question', question: 'Do you have a dog?', answer: 'I do not know.' },
        { kind: 'unknown_question', question: 'Do you sing?', answer: 'No idea.' },
      );
      const tools = new RecordingTools();

      const completion = await harness.model.complete(request({ tools }));
      const events = await collect(harness.model.stream(request({ tools })));

      expect(completion).toMatchObject({ text: 'I do not know.', grounded: false });
      expect(events.at(-1)).toMatchObject({ type: 'done', grounded: false });
      expect(tools.questions).toEqual(['Do you have a dog?', 'Do you sing?']);
    });
  });
}
