import type { ServiceIdentifier } from 'inversify';
import type { AnalyticsService } from '../domain/analytics/analytics-service.js';
import type { TwinService } from '../domain/chat/twin-service.js';
import type { ConversationExports } from '../domain/conversation/conversation-exports.js';
import type { FeedbackService } from '../domain/feedback/feedback-service.js';
import type { KnowledgeService } from '../domain/knowledge/knowledge-service.js';
import type { AnalyticsStore } from '../ports/analytics-store.js';
import type { AnswerBook } from '../ports/answer-book.js';
import type { ChatModel } from '../ports/chat-model.js';
import type { Clock } from '../ports/clock.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { Embedder } from '../ports/embedder.js';
import type { FeedbackStore } from '../ports/feedback-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { KnowledgeGapStore } from '../ports/knowledge-gap-store.js';
import type { LeadStore } from '../ports/lead-store.js';
import type { Logger } from '../ports/logger.js';
import type { MetricsSink } from '../ports/metrics-sink.js';
import type { Notifier } from '../ports/notifier.js';
import type { PersonaSource } from '../ports/persona-source.js';
import type { UsageCounters } from '../ports/usage-counters.js';
import type { Config } from './config.js';
import type { ChatRateLimits } from './http/rate-limit.js';
import type { ConfiguredMetrics } from './metrics-sinks.js';

export const TOKENS = {
  Config: Symbol.for('Config') as ServiceIdentifier<Config>,
  AdminToken: Symbol.for('AdminToken') as ServiceIdentifier<string>,
  Store: Symbol.for('ConversationStore') as ServiceIdentifier<ConversationStore>,
  Model: Symbol.for('ChatModel') as ServiceIdentifier<ChatModel>,
  /** null when semantic retrieval is off (TWIN_EMBEDDINGS=none). */
  Embedder: Symbol.for('Embedder') as ServiceIdentifier<Embedder | null>,
  /** The persona the twin answers from: the folder's, with stored owner answers over it. */
  Persona: Symbol.for('PersonaSource') as ServiceIdentifier<PersonaSource>,
  /** The persona folder as read, without answers kept outside it. */
  PersonaFolder: Symbol.for('PersonaFolder') as ServiceIdentifier<PersonaSource>,
  Metrics: Symbol.for('MetricsSink') as ServiceIdentifier<MetricsSink>,
  Clock: Symbol.for('Clock') as ServiceIdentifier<Clock>,
  Ids: Symbol.for('IdGenerator') as ServiceIdentifier<IdGenerator>,
  Logger: Symbol.for('Logger') as ServiceIdentifier<Logger>,
  TwinService: Symbol.for('TwinService') as ServiceIdentifier<TwinService>,
  ConfiguredMetrics: Symbol.for('ConfiguredMetrics') as ServiceIdentifier<ConfiguredMetrics>,
  ChatRateLimits: Symbol.for('ChatRateLimits') as ServiceIdentifier<ChatRateLimits>,
  UsageCounters: Symbol.for('UsageCounters') as ServiceIdentifier<UsageCounters>,
  Analytics: Symbol.for('AnalyticsStore') as ServiceIdentifier<AnalyticsStore>,
  AnalyticsService: Symbol.for('AnalyticsService') as ServiceIdentifier<AnalyticsService>,
  Gaps: Symbol.for('KnowledgeGapStore') as ServiceIdentifier<KnowledgeGapStore>,
  Leads: Symbol.for('LeadStore') as ServiceIdentifier<LeadStore>,
  Answers: Symbol.for('AnswerBook') as ServiceIdentifier<AnswerBook>,
  Notifier: Symbol.for('Notifier') as ServiceIdentifier<Notifier>,
  KnowledgeService: Symbol.for('KnowledgeService') as ServiceIdentifier<KnowledgeService>,
  Feedback: Symbol.for('FeedbackStore') as ServiceIdentifier<FeedbackStore>,
  FeedbackService: Symbol.for('FeedbackService') as ServiceIdentifier<FeedbackService>,
  ConversationExports: Symbol.for('ConversationExports') as ServiceIdentifier<ConversationExports>,
} as const;
