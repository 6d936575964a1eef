import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { InMemoryAnalyticsStore } from '../../src/adapters/memory/in-memory-analytics-store.js';
import { InMemoryConversationStore } from '../../src/adapters/memory/in-memory-conversation-store.js';
import { InMemoryMetricsSink } from '../../src/adapters/memory/metrics.js';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { ScriptedChatModel } from '../../src/adapters/memory/scripted-chat-model.js';
import { SequentialIds } from '../../src/adapters/memory/sequential-ids.js';
import { StaticPersonaSource } from '../../src/adapters/memory/static-persona-source.js';
import type { Adapters } from '../../src/app/container.js';
import { type TwinLimits, TwinService } from '../../src/domain/chat/twin-service.js';
import type { AnalyticsStore } from '../../src/ports/analytics-store.js';
import type { ChatModel } from '../../src/ports/chat-model.js';
import type { ConversationStore } from '../../src/ports/conversation-store.js';
import { testPersona } from './personas.js';

/** Every port as a typed fake, exposed so tests can inspect what happened. */
export function fakeAdapters(options: { model?: ChatModel; store?: ConversationStore } = {}) {
  return {
    store: options.store ?? new InMemoryConversationStore(),
    model: options.model ?? new ScriptedChatModel((request) => `You said: ${request.messages.at(-1)?.content}`),
    persona: new StaticPersonaSource(testPersona()),
    metrics: new InMemoryMetricsSink(),
    clock: new FixedClock('2026-03-04T05:06:07.000Z'),
    ids: new SequentialIds(),
    logger: new RecordingLogger(),
    analytics: new InMemoryAnalyticsStore() as AnalyticsStore,
  } satisfies Adapters;
}

export function serviceWith(adapters = fakeAdapters(), limits: Partial<TwinLimits> = {}): TwinService {
  return new TwinService({ ...adapters, limits });
}
