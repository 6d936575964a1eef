import { FsPersonaSource } from './adapters/filesystem/fs-persona-source.js';
import { InMemoryConversationStore } from './adapters/memory/in-memory-conversation-store.js';
import { InMemoryUsageCounters } from './adapters/memory/in-memory-usage-counters.js';
import { NoopMetricsSink } from './adapters/memory/metrics.js';
import { silentLogger } from './adapters/memory/recording-logger.js';
import { OfflineChatModel } from './adapters/offline/offline-chat-model.js';
import { SentenceEncoderEmbedder } from './adapters/offline/sentence-encoder-embedder.js';
import { RandomUuidIds } from './adapters/system/random-uuid-ids.js';
import { SystemClock } from './adapters/system/system-clock.js';
import { SpendGuard, type SpendLimits } from './domain/chat/spend-guard.js';
import { type TwinLimits, TwinService } from './domain/chat/twin-service.js';
import type { KnowledgeService } from './domain/knowledge/knowledge-service.js';
import type { AnalyticsStore } from './ports/analytics-store.js';
import type { ChatModel } from './ports/chat-model.js';
import type { Clock } from './ports/clock.js';
import type { ConversationStore } from './ports/conversation-store.js';
import type { Embedder } from './ports/embedder.js';
import type { IdGenerator } from './ports/id-generator.js';
import type { Logger } from './ports/logger.js';
import type { MetricsSink } from './ports/metrics-sink.js';
import type { PersonaSource } from './ports/persona-source.js';

export interface CreateTwinOptions {
  /** A persona folder in the course layout, or any PersonaSource. */
  readonly persona: string | PersonaSource;
  /** Default: in memory (conversations end with the process). */
  readonly store?: ConversationStore;
  /**
   * Default: the offline model, which answers only by quoting the persona, ranking passages with
   * the local sentence encoder (loaded on the first question; pass your own model to avoid it).
   */
  readonly model?: ChatModel;
  readonly metrics?: MetricsSink;
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly limits?: Partial<TwinLimits>;
  /** Analytics counters kept as messages are stored. Default: none. */
  readonly analytics?: AnalyticsStore;
  /** The knowledge-gap loop (unanswered questions, leads); without it they are not recorded. */
  readonly knowledge?: KnowledgeService;
  /** Token budgets and the turn cap, counted in this process. Default: none. */
  readonly spend?: SpendLimits;
  /**
   * false: e-mails and phone numbers are masked in stored messages. Default true. A `knowledge`
   * service given here masks the questions it keeps as gaps only if it was built with
   * `storePii: false` too.
   */
  readonly storePii?: boolean;
  /**
   * With your own hosted `model`: ranks the persona's passages by meaning too when the persona
   * does not fit the context budget whole (e.g. `new OpenAiEmbedder({ apiKey })`). Default: by
   * words alone. The default offline model ranks with the local sentence encoder itself.
   */
  readonly contextEmbedder?: Embedder;
}

/**
 * The twin as a library: a TwinService wired with the adapters you pick, no web
 * framework and no container. Drive it from any host (node:http, a bot, a Lambda).
 */
export function createTwin(options: CreateTwinOptions): TwinService {
  const clock = options.clock ?? new SystemClock();
  return new TwinService({
    persona: typeof options.persona === 'string' ? new FsPersonaSource({ dir: options.persona }) : options.persona,
    store: options.store ?? new InMemoryConversationStore(),
    model: options.model ?? new OfflineChatModel({ embedder: new SentenceEncoderEmbedder() }),
    metrics: options.metrics ?? new NoopMetricsSink(),
    logger: options.logger ?? silentLogger,
    clock,
    ids: options.ids ?? new RandomUuidIds(),
    limits: options.limits,
    analytics: options.analytics,
    knowledge: options.knowledge,
    storePii: options.storePii,
    contextEmbedder: options.contextEmbedder,
    guard: options.spend ? new SpendGuard(new InMemoryUsageCounters(clock), options.spend) : undefined,
  });
}
