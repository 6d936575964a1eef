import { randomBytes } from 'node:crypto';
import { Container } from 'inversify';
import { FsConversationStore } from '../adapters/filesystem/fs-conversation-store.js';
import { FsPersonaSource } from '../adapters/filesystem/fs-persona-source.js';
import { SystemClock } from '../adapters/memory/fixed-clock.js';
import { InMemoryConversationStore } from '../adapters/memory/in-memory-conversation-store.js';
import { NoopMetricsSink } from '../adapters/memory/metrics.js';
import { RandomUuidIds } from '../adapters/memory/sequential-ids.js';
import { OfflineChatModel } from '../adapters/offline/offline-chat-model.js';
import { OpenAiChatModel } from '../adapters/openai/openai-chat-model.js';
import { TwinService } from '../domain/twin-service.js';
import type { ChatModel } from '../ports/chat-model.js';
import type { Clock } from '../ports/clock.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Logger } from '../ports/logger.js';
import type { MetricsSink } from '../ports/metrics-sink.js';
import type { PersonaSource } from '../ports/persona-source.js';
import type { Config } from './config.js';
import { bindKnowledge, type KnowledgeAdapters } from './knowledge-bindings.js';
import { createLogger } from './logger.js';
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
}

function storeFor(config: Config): ConversationStore {
  return config.store === 'memory'
    ? new InMemoryConversationStore()
    : new FsConversationStore({ dataDir: config.dataDir });
}

function modelFor(config: Config): ChatModel {
  if (config.model === 'offline') return new OfflineChatModel();
  return new OpenAiChatModel({
    apiKey: config.openai.apiKey ?? '',
    baseURL: config.openai.baseURL,
    model: config.openai.model,
    timeoutMs: config.openai.timeoutMs,
  });
}

/** The only composition root: config in, a container of wired singletons out. */
export function buildContainer(config: Config, overrides: Partial<Adapters> = {}): Container {
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(TOKENS.Config).toConstantValue(config);
  c.bind(TOKENS.AdminToken).toConstantValue(config.adminToken ?? randomBytes(24).toString('base64url'));
  c.bind(TOKENS.Store).toDynamicValue(() => overrides.store ?? storeFor(config));
  c.bind(TOKENS.Model).toDynamicValue(() => overrides.model ?? modelFor(config));
  c.bind(TOKENS.Persona).toDynamicValue(() => overrides.persona ?? new FsPersonaSource({ dir: config.personaDir }));
  c.bind(TOKENS.Metrics).toDynamicValue(() => overrides.metrics ?? new NoopMetricsSink());
  c.bind(TOKENS.Clock).toDynamicValue(() => overrides.clock ?? new SystemClock());
  c.bind(TOKENS.Ids).toDynamicValue(() => overrides.ids ?? new RandomUuidIds());
  c.bind(TOKENS.Logger).toDynamicValue(() => overrides.logger ?? createLogger(config));
  bindKnowledge(c, config, overrides);
  c.bind(TOKENS.TwinService).toResolvedValue(
    (store, model, persona, metrics, clock, ids, logger, knowledge) =>
      new TwinService({
        store,
        model,
        persona,
        metrics,
        clock,
        ids,
        logger,
        knowledge,
        limits: {
          maxMessageChars: config.maxMessageChars,
          historyTokens: config.historyTokens,
          contextTokens: config.contextTokens,
        },
      }),
    [
      TOKENS.Store,
      TOKENS.Model,
      TOKENS.Persona,
      TOKENS.Metrics,
      TOKENS.Clock,
      TOKENS.Ids,
      TOKENS.Logger,
      TOKENS.KnowledgeService,
    ],
  );
  return c;
}
