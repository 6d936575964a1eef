import { DomainError } from '../../domain/errors.js';
import type { AnswerModel } from '../../domain/grounding/answer-model.js';
import type { Persona } from '../../domain/persona/persona.js';
import type { ChatCompletion, ChatModel, ChatRequest, ChatStreamEvent, TokenUsage } from '../../ports/chat-model.js';
import type { Embedder } from '../../ports/embedder.js';
import { countTokens } from '../openai/token-counter.js';
import { composeOfflineAnswer, type OfflineAnswer, PersonaIndex } from './compose-answer.js';
import { noteContact } from './contact-answer.js';
import { introductionAnswer } from './introduction-answer.js';
import { messageIntents } from './message-intents.js';
import { smallTalkAnswer } from './small-talk-answer.js';

export interface OfflineChatModelOptions {
  /** Pause between streamed words, for demos that should look typed. Default 0. */
  readonly wordDelayMs?: number;
  /**
   * Ranks passages by meaning as well as by words (paraphrases, typos, other phrasings).
   * Without one, retrieval is lexical only. `npm start` gives it the local SentenceEncoderEmbedder.
   */
  readonly embedder?: Embedder;
  /**
   * How passages are chosen and answerability decided with embeddings (docs/adr/0402).
   * Default: the model fitted on the dev split of the evaluation corpus. The evaluation passes
   * others to measure a fit on personas it was not fitted on.
   */
  readonly answerModel?: AnswerModel;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * The twin without a network: answers from the persona passages most relevant
 * to the question, says it does not know otherwise. Deterministic.
 */
export class OfflineChatModel implements ChatModel {
  readonly name = 'offline';
  private readonly index = new PersonaIndex();
  private readonly wordDelayMs: number;
  private readonly embedder: Embedder | undefined;
  private readonly answerModel: AnswerModel | undefined;

  constructor(options: OfflineChatModelOptions = {}) {
    this.wordDelayMs = options.wordDelayMs ?? 0;
    this.embedder = options.embedder;
    this.answerModel = options.answerModel;
  }

  /** Loads the embedding model and embeds the persona's passages (about 3 s for the sample with the local encoder). */
  async prepare(persona: Persona): Promise<void> {
    if (!this.embedder) return;
    try {
      await this.index.vectorsFor(persona, this.embedder);
    } catch (error) {
      // Retrieval falls back to words when the embedder fails; the next question tries it again.
      if (!(error instanceof DomainError) || error.code !== 'model_unavailable') throw error;
    }
  }

  countTokens(text: string): number {
    return countTokens(text);
  }

  async complete(request: ChatRequest): Promise<ChatCompletion> {
    throwIfAborted(request.signal);
    const answer = await this.answer(request);
    return { text: answer.text, grounded: answer.grounded, usage: this.usage(request, answer.text) };
  }

  async *stream(request: ChatRequest): AsyncGenerator<ChatStreamEvent> {
    throwIfAborted(request.signal);
    const answer = await this.answer(request);
    // Each piece keeps its trailing whitespace, so the pieces concatenate to the answer exactly.
    for (const piece of answer.text.match(/\S+\s*/g) ?? []) {
      if (this.wordDelayMs > 0) await sleep(this.wordDelayMs, request.signal);
      throwIfAborted(request.signal);
      yield { type: 'token', text: piece };
    }
    yield { type: 'done', grounded: answer.grounded, usage: this.usage(request, answer.text) };
  }

  // Each part of a message gets its answer: a left address its note, small talk its fixed reply,
  // an introduction request the introduction, and whatever else it asks the normal answer, in
  // that order (message-intents.ts reads the parts clause by clause).
  private async answer(request: ChatRequest): Promise<OfflineAnswer> {
    const contact = await noteContact(request.persona, request.messages, request.tools);
    if (contact?.question === null) return { text: contact.text, grounded: true };
    const question = contact ? contact.question : (request.messages.at(-1)?.content ?? '');
    const intents = messageIntents(question, request.persona.facts);
    const introduction = intents?.introduction ? introductionAnswer(request.persona) : null;
    // Without an introduction to give, the request is answered as a question like any other.
    const rest = intents && (introduction || !intents.introduction) ? intents.rest : question;
    const talk = intents ? smallTalkAnswer(intents.smallTalk, request.persona, rest === null && !introduction) : null;
    const reply =
      rest === null
        ? null
        : await composeOfflineAnswer(
            request.persona,
            this.index,
            rest === request.messages.at(-1)?.content
              ? request.messages
              : [...request.messages.slice(0, -1), { role: 'user' as const, content: rest }],
            { embedder: this.embedder, signal: request.signal, answerModel: this.answerModel },
          );
    const parts = [contact?.text, talk, introduction?.text, reply?.text].filter((text) => typeof text === 'string');
    return { text: parts.join(' '), grounded: reply?.grounded ?? true };
  }

  private usage(request: ChatRequest, answer: string): TokenUsage {
    const prompt = [request.system, ...request.messages.map((m) => m.content)].join('\n');
    return { input_tokens: countTokens(prompt), output_tokens: countTokens(answer) };
  }
}
