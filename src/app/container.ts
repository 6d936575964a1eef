import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Container } from 'inversify';
import { BedrockChatModel } from '../adapters/bedrock/bedrock-chat-model.js';
import { FsAnalyticsStore } from '../adapters/filesystem/fs-analytics-store.js';
import { FsConversationStore } from '../adapters/filesystem/fs-conversation-store.js';
import { FsPersonaSource } from '../adapters/filesystem/fs-persona-source.js';
import { COMPILED_DIR, PdfTextCache } from '../adapters/filesystem/pdf-text-cache.js';
import { InMemoryAnalyticsStore } from '../adapters/memory/in-memory-analytics-store.js';
import { InMemoryConversationStore } from '../adapters/memory/in-memory-conversation-store.js';
import { InMemoryUsageCounters } from '../adapters/memory/in-memory-usage-counters.js';
import { OfflineChatModel } from '../adapters/offline/offline-chat-model.js';
import { SentenceEncoderEmbedder } from '../adapters/offline/sentence-encoder-embedder.js';
import { OpenAiChatModel } from '../adapters/openai/openai-chat-model.js';
import { OpenAiEmbedder } from '../adapters/openai/openai-embedder.js';
import { BatchedAnalyticsStore } from '../adapters/system/batched-analytics-store.js';
import { FanOutMetricsSink } from '../adapters/system/fan-out-metrics-sink.js';
import { RandomUuidIds } from '../adapters/system/random-uuid-ids.js';
import { SystemClock } from '../adapters/system/system-clock.js';
import { TokenBucketLimiter } from '../adapters/system/token-bucket-limiter.js';
import { WindowRateLimiter } from '../adapters/system/window-rate-limiter.js';
import { AnalyticsService } from '../domain/analytics/analytics-service.js';
import { SpendGuard } from '../domain/chat/spend-guard.js';
import { TwinService } from '../domain/chat/twin-service.js';
import { SessionPurge } from '../domain/conversation/session-purge.js';
import type { AnalyticsStore } from '../ports/analytics-store.js';
import type { ChatModel } from '../ports/chat-model.js';
import type { Clock } from '../ports/clock.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { Embedder } from '../ports/embedder.js';
import type { FeedbackStore } from '../ports/feedback-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Logger } from '../ports/logger.js';
import type { MetricsSink } from '../ports/metrics-sink.js';
import type { PersonaSource } from '../ports/persona-source.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { UsageCounters } from '../ports/usage-counters.js';
import type { Config } from './config.js';
import { dynamoAnalyticsFor, dynamoStoreFor, dynamoUsageCountersFor } from './dynamo-adapters.js';
import { bindFeedback } from './feedback-bindings.js';
import { bindKnowledge, type KnowledgeAdapters } from './knowledge-bindings.js';
import { createLogger } from './logger.js';
import { metricsFor } from './metrics-sinks.js';
import { TOKENS } from './tokens.js';

/** Adapters a test or an embedder can swap in; everything else follows the config. */
export interface Adapters extends Partial<KnowledgeAdapters> {
  store: ConversationStore;
  model: ChatModel;
  persona: PersonaSource;
  metrics: MetricsSink;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  analytics: AnalyticsStore;
  /** null: lexical retrieval only. */
  embedder?: Embedder | null;
  /** Only for a store that keeps no ratings itself; the shipped stores do. */
  feedback?: FeedbackStore;
}

function storeFor(config: Config): ConversationStore {
  if (config.store === 'dynamodb') return dynamoStoreFor(config);
  return config.store === 'memory'
    ? new InMemoryConversationStore()
    : new FsConversationStore({ dataDir: config.dataDir, ttlDays: config.sessionTtlDays });
}

function analyticsFor(config: Config): AnalyticsStore {
  if (config.store === 'dynamodb') return dynamoAnalyticsFor(config);
  return config.store === 'memory' ? new InMemoryAnalyticsStore() : new FsAnalyticsStore({ dataDir: config.dataDir });
}

/** Longest wait for one embeddings request (ms), whatever OPENAI_TIMEOUT_MS allows the chat model. */
const EMBEDDINGS_TIMEOUT_MS = 10_000;

/** The embedder semantic retrieval uses; loads nothing until its first embed. */
function embedderFor(config: Config, logger: Logger): Embedder | null {
  if (config.embeddings.kind === 'none') return null;
  if (config.embeddings.kind === 'local') return new SentenceEncoderEmbedder();
  return new OpenAiEmbedder({
    apiKey: config.openai.apiKey ?? '',
    baseURL: config.openai.baseURL,
    model: config.embeddings.openaiModel,
    // A visitor's question waits on these: a short timeout and one retry at most, then the
    // cool-down answers by words alone (an endpoint that hangs cost every question 3 x 30 s).
    timeoutMs: Math.min(config.openai.timeoutMs, EMBEDDINGS_TIMEOUT_MS),
    maxRetries: Math.min(config.openai.maxRetries, 1),
    logger,
  });
}

function modelFor(config: Config, logger: Logger, embedder: Embedder | null): ChatModel {
  if (config.model === 'offline') return new OfflineChatModel(embedder ? { embedder } : {});
  if (config.model === 'bedrock') {
    // Credentials come from the AWS chain (the Lambda role); the SDK itself loads on the first answer.
    return new BedrockChatModel({ ...config.bedrock, logger });
  }
  return new OpenAiChatModel({
    apiKey: config.openai.apiKey ?? '',
    baseURL: config.openai.baseURL,
    model: config.openai.model,
    timeoutMs: config.openai.timeoutMs,
    maxRetries: config.openai.maxRetries,
  });
}

/**
 * PDF texts extracted before: the Lambda package's, built by `npm run build:lambda`, then the
 * server's own in its data dir (written only with the filesystem store, which owns that dir).
 */
function pdfTextCacheFor(config: Config): PdfTextCache {
  return new PdfTextCache({
    readDirs: [{ dir: join(config.personaDir, COMPILED_DIR), within: config.personaDir }],
    // Confined to the data folder: a persona-cache linked elsewhere cannot put text from there into answers.
    writeDir:
      config.store === 'filesystem'
        ? { dir: join(config.dataDir, 'persona-cache'), within: config.dataDir }
        : undefined,
  });
}

/** The only composition root: config in, a container of wired singletons out. */
export function buildContainer(config: Config, overrides: Partial<Adapters> = {}): Container {
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(TOKENS.Config).toConstantValue(config);
  c.bind(TOKENS.AdminToken).toConstantValue(config.adminToken ?? randomBytes(24).toString('base64url'));
  c.bind(TOKENS.Store).toDynamicValue(() => overrides.store ?? storeFor(config));
  c.bind(TOKENS.Embedder).toResolvedValue(
    (logger) => (overrides.embedder === undefined ? embedderFor(config, logger) : overrides.embedder),
    [TOKENS.Logger],
  );
  c.bind(TOKENS.Model).toResolvedValue(
    (logger, embedder) => overrides.model ?? modelFor(config, logger, embedder),
    [TOKENS.Logger, TOKENS.Embedder],
  );
  c.bind(TOKENS.PersonaFolder).toResolvedValue(
    (logger) =>
      overrides.persona ?? new FsPersonaSource({ dir: config.personaDir, logger, pdfTexts: pdfTextCacheFor(config) }),
    [TOKENS.Logger],
  );
  c.bind(TOKENS.ConfiguredMetrics).toResolvedValue(
    (
      logger, // A given sink is wrapped too, so even an embedder's sink that throws cannot fail a chat.
    ) =>
      overrides.metrics
        ? { sink: new FanOutMetricsSink([overrides.metrics]), prometheus: null }
        : metricsFor(config, logger),
    [TOKENS.Logger],
  );
  c.bind(TOKENS.Metrics).toResolvedValue((configured) => configured.sink, [TOKENS.ConfiguredMetrics]);
  c.bind(TOKENS.Clock).toDynamicValue(() => overrides.clock ?? new SystemClock());
  c.bind(TOKENS.Ids).toDynamicValue(() => overrides.ids ?? new RandomUuidIds());
  c.bind(TOKENS.Logger).toDynamicValue(() => overrides.logger ?? createLogger(config));
  // Counter writes leave the chat path: batched, written after the answer (BatchedAnalyticsStore).
  c.bind(TOKENS.Analytics).toResolvedValue(
    (logger) => overrides.analytics ?? new BatchedAnalyticsStore({ store: analyticsFor(config), logger }),
    [TOKENS.Logger],
  );
  bindKnowledge(c, config, overrides);
  bindFeedback(c, overrides);
  c.bind(TOKENS.TwinService).toResolvedValue(
    (store, model, persona, metrics, clock, ids, logger, analytics, knowledge, counters, embedder) =>
      new TwinService({
        store,
        model,
        persona,
        metrics,
        clock,
        ids,
        logger,
        analytics,
        knowledge,
        guard: new SpendGuard(counters, config.spend),
        purge: new SessionPurge({ store, persona, logger, analytics, knowledge, usage: counters }),
        storePii: config.storePii,
        limits: {
          maxMessageChars: config.maxMessageChars,
          historyTokens: config.historyTokens,
          contextTokens: config.contextTokens,
        },
        prices: config.modelPrices,
        // The offline model ranks with the embedder itself; a hosted model's prompt is ranked here.
        ...(config.model !== 'offline' && embedder ? { contextEmbedder: embedder } : {}),
      }),
    [
      TOKENS.Store,
      TOKENS.Model,
      TOKENS.Persona,
      TOKENS.Metrics,
      TOKENS.Clock,
      TOKENS.Ids,
      TOKENS.Logger,
      TOKENS.Analytics,
      TOKENS.KnowledgeService,
      TOKENS.UsageCounters,
      TOKENS.Embedder,
    ],
  );
  c.bind(TOKENS.AnalyticsService).toResolvedValue(
    (conversations, counters, persona, clock) =>
      new AnalyticsService({ conversations, counters, persona, clock, timeZone: config.analyticsTimeZone }),
    [TOKENS.Store, TOKENS.Analytics, TOKENS.Persona, TOKENS.Clock],
  );
  c.bind(TOKENS.UsageCounters).toResolvedValue(
    (clock) => (config.store === 'dynamodb' ? dynamoUsageCountersFor(config, clock) : new InMemoryUsageCounters(clock)),
    [TOKENS.Clock],
  );
  c.bind(TOKENS.ChatRateLimits).toResolvedValue(
    (counters) => ({
      perIp: limiter(config, config.rateLimits.perIpPerMinute, counters),
      perSession: limiter(config, config.rateLimits.perSessionPerMinute, counters),
    }),
    [TOKENS.UsageCounters],
  );
  return c;
}

/**
 * 0 disables a limit (load tests use it). One instance uses in-process token buckets; on
 * DynamoDB every instance shares one-minute windows in the table.
 */
function limiter(config: Config, perMinute: number, counters: UsageCounters): RateLimiter | undefined {
  if (perMinute <= 0) return undefined;
  return config.store === 'dynamodb'
    ? new WindowRateLimiter({ counters, perMinute })
    : new TokenBucketLimiter({ perMinute });
}
