// The library's public API. Explicit named exports only; src/app (Koa, inversify, env) is never exported.

export {
  BedrockChatModel,
  type BedrockChatModelOptions,
  DEFAULT_BEDROCK_MODEL_ID,
} from './adapters/bedrock/bedrock-chat-model.js';
export {
  CloudWatchMetricsSink,
  type CloudWatchMetricsSinkOptions,
} from './adapters/cloudwatch/cloudwatch-metrics-sink.js';
export { EmfMetricsSink, type EmfMetricsSinkOptions } from './adapters/cloudwatch/emf-metrics-sink.js';
export {
  createDocumentClient,
  createDynamoClient,
  type DynamoClientOptions,
} from './adapters/dynamodb/client.js';
export {
  type CreateTableOptions,
  type CreateTableReport,
  createConversationTable,
} from './adapters/dynamodb/create-table.js';
export { DynamoAnalyticsStore, type DynamoAnalyticsStoreOptions } from './adapters/dynamodb/dynamo-analytics-store.js';
export { DynamoAnswerBook, type DynamoAnswerBookOptions } from './adapters/dynamodb/dynamo-answer-book.js';
export {
  DynamoConversationStore,
  type DynamoConversationStoreOptions,
} from './adapters/dynamodb/dynamo-conversation-store.js';
export {
  DynamoKnowledgeGapStore,
  type DynamoKnowledgeGapStoreOptions,
} from './adapters/dynamodb/dynamo-knowledge-gap-store.js';
export { DynamoLeadStore, type DynamoLeadStoreOptions } from './adapters/dynamodb/dynamo-lead-store.js';
export { conversationTableDefinition, DEFAULT_TABLE_NAME } from './adapters/dynamodb/table-definition.js';
export { FsAnalyticsStore, type FsAnalyticsStoreOptions } from './adapters/filesystem/fs-analytics-store.js';
export { FsAnswerBook, type FsAnswerBookOptions } from './adapters/filesystem/fs-answer-book.js';
export { FsConversationStore, type FsConversationStoreOptions } from './adapters/filesystem/fs-conversation-store.js';
export { FsKnowledgeGapStore, type FsKnowledgeGapStoreOptions } from './adapters/filesystem/fs-knowledge-gap-store.js';
export { FsLeadStore, type FsLeadStoreOptions } from './adapters/filesystem/fs-lead-store.js';
export { FsPersonaSource, type FsPersonaSourceOptions } from './adapters/filesystem/fs-persona-source.js';
export { FixedClock } from './adapters/memory/fixed-clock.js';
export { HashingEmbedder } from './adapters/memory/hashing-embedder.js';
export { InMemoryAnalyticsStore } from './adapters/memory/in-memory-analytics-store.js';
export { InMemoryAnswerBook } from './adapters/memory/in-memory-answer-book.js';
export { InMemoryConversationStore } from './adapters/memory/in-memory-conversation-store.js';
export { InMemoryKnowledgeGapStore } from './adapters/memory/in-memory-knowledge-gap-store.js';
export { InMemoryLeadStore } from './adapters/memory/in-memory-lead-store.js';
export { InMemoryMetricsSink, NoopMetricsSink } from './adapters/memory/metrics.js';
export { NoopNotifier, RecordingNotifier } from './adapters/memory/notifiers.js';
export { type LogEntry, RecordingLogger, silentLogger } from './adapters/memory/recording-logger.js';
export { type Script, ScriptedChatModel } from './adapters/memory/scripted-chat-model.js';
export { SequentialIds } from './adapters/memory/sequential-ids.js';
export { StaticPersonaSource } from './adapters/memory/static-persona-source.js';
export { OfflineChatModel, type OfflineChatModelOptions } from './adapters/offline/offline-chat-model.js';
export {
  SentenceEncoderEmbedder,
  type SentenceEncoderEmbedderOptions,
} from './adapters/offline/sentence-encoder-embedder.js';
export { OpenAiChatModel, type OpenAiChatModelOptions } from './adapters/openai/openai-chat-model.js';
export { OpenAiEmbedder, type OpenAiEmbedderOptions } from './adapters/openai/openai-embedder.js';
export {
  PrometheusMetricsSink,
  type PrometheusMetricsSinkOptions,
} from './adapters/prometheus/prometheus-metrics-sink.js';
export {
  AnsweredPersonaSource,
  type AnsweredPersonaSourceOptions,
} from './adapters/system/answered-persona-source.js';
export { FanOutMetricsSink } from './adapters/system/fan-out-metrics-sink.js';
export { RandomUuidIds } from './adapters/system/random-uuid-ids.js';
export { SystemClock } from './adapters/system/system-clock.js';
export { WebhookNotifier, type WebhookNotifierOptions } from './adapters/webhook/webhook-notifier.js';
export { type CreateTwinOptions, createTwin } from './create-twin.js';
export {
  analyzeConversation,
  type ConversationMetrics,
  type GlobalAnalytics,
  globalAnalytics,
  type SentimentShares,
} from './domain/analytics/analytics.js';
export {
  type AnalyticsDelta,
  type AnalyticsTally,
  type BucketCounters,
  type CounterBucket,
  conversationDelta,
  messageDelta,
  QUARTER_MS,
} from './domain/analytics/analytics-counters.js';
export {
  type AnalyticsOverview,
  AnalyticsService,
  type AnalyticsServiceDeps,
  type RebuildProgress,
  type ReportPeriod,
} from './domain/analytics/analytics-service.js';
export {
  type FeedbackFigures,
  type Percentiles,
  type PersonaVersionReport,
  personaVersionReports,
  type QualityReport,
  qualityReport,
} from './domain/analytics/quality.js';
export {
  answerQuality,
  type DayRange,
  type QualityBucket,
  type QualityCounters,
  ratingQuality,
} from './domain/analytics/quality-counters.js';
export { type Sentiment, type SentimentLabel, sentimentOf } from './domain/analytics/sentiment.js';
export {
  type Granularity,
  type TimeSeries,
  type TimeSeriesPoint,
  type TimeSeriesRequest,
  timeSeries,
} from './domain/analytics/time-series.js';
export { messageTopics, type TopicCount, type TopicVocabulary, topicVocabulary } from './domain/analytics/topics.js';
export { windowHistory } from './domain/chat/history-window.js';
export {
  type AnswerLimits,
  type ChatInput,
  type ChatOutcome,
  type ChatReply,
  type ChatStreamOutput,
  DEFAULT_LIMITS,
  type FinishReason,
  type TwinLimits,
  TwinService,
  type TwinServiceDeps,
} from './domain/chat/twin-service.js';
export {
  type AnswerRecord,
  type Conversation,
  clientSessionId,
  isUnguessableSessionId,
  type Message,
  type MessageId,
  type MessageRating,
  type Metadata,
  type NewMessage,
  normalizeMessageText,
  type Page,
  parseSessionId,
  type RatingValue,
  type Role,
  type SessionId,
  type SessionSummary,
} from './domain/conversation/conversation.js';
export { ConversationArchive } from './domain/conversation/conversation-archive.js';
export { ConversationExports, type ExportFile, type ExportFormat } from './domain/conversation/conversation-exports.js';
export {
  conversationMarkdown,
  type ExportedConversation,
  type ExportedMessage,
  everyConversation,
  exportConversation,
} from './domain/conversation/export-formats.js';
export { SessionPurge, type SessionPurgeDeps } from './domain/conversation/session-purge.js';
export type { SessionStats } from './domain/conversation/session-stats.js';
export {
  Conflict,
  DomainError,
  type DomainErrorCode,
  InvalidInput,
  isDomainError,
  ModelUnavailable,
  NotFound,
  PersonaInvalid,
  StoreUnavailable,
} from './domain/errors.js';
export { type RatedAnswer, type RatedAnswerQuery, rateAnswer } from './domain/feedback/feedback.js';
export {
  FeedbackService,
  type FeedbackServiceDeps,
  type OwnerRatedAnswer,
} from './domain/feedback/feedback-service.js';
export type { GapId, GapStatus, KnowledgeGap } from './domain/knowledge/knowledge-gaps.js';
export { KnowledgeService, type KnowledgeServiceDeps } from './domain/knowledge/knowledge-service.js';
export type { Lead, LeadId } from './domain/knowledge/leads.js';
export {
  type AnswerId,
  type OwnerAnswer,
  type StoredAnswer,
  storedAnswer,
} from './domain/knowledge/owner-answers.js';
export { publicQuestion } from './domain/knowledge/public-question.js';
export {
  isMetricName,
  METRIC_CATALOGUE,
  type MetricDefinition,
  type MetricName,
} from './domain/monitoring/metric-catalogue.js';
export {
  DEFAULT_MODEL_PRICES,
  estimateCost,
  type ModelPrice,
  type ModelPriceTable,
} from './domain/monitoring/model-prices.js';
export type {
  Persona,
  PersonaDocument,
  PersonaDocumentKind,
  PersonaFacts,
  SkippedFile,
} from './domain/persona/persona.js';
export { buildPersona, parseFacts } from './domain/persona/persona-parsing.js';
export { suggestedQuestions } from './domain/persona/suggested-questions.js';
export { renderSystemPrompt } from './domain/persona/system-prompt.js';
export type * from './ports/index.js';
