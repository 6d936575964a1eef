import type { AnalyticsStore } from '../ports/analytics-store.js';
import type { AnswerBook } from '../ports/answer-book.js';
import type { Clock } from '../ports/clock.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { FeedbackStore } from '../ports/feedback-store.js';
import type { KnowledgeGapStore } from '../ports/knowledge-gap-store.js';
import type { LeadStore } from '../ports/lead-store.js';
import type { UsageCounters } from '../ports/usage-counters.js';
import type { Config } from './config.js';
import { lazyAdapter } from './lazy-adapter.js';

// What each DynamoDB adapter implements (test/unit/lazy-adapter.test.ts checks them against the classes).
export const DYNAMO_METHODS = {
  store: ['append', 'load', 'listSessions', 'softDelete', 'purge', 'rate', 'ratedAnswers', 'removeFeedback', 'stats'],
  analytics: ['add', 'buckets', 'topics', 'qualityDays', 'replace'],
  answers: ['put', 'list', 'get', 'update', 'delete', 'version'],
  gaps: ['recordAsked', 'list', 'get', 'resolve', 'forgetSession'],
  leads: ['record', 'forgetSession', 'list'],
  counters: ['add', 'get', 'forgetSession'],
} as const;

// The adapters and the AWS SDK behind them are imported when a store is first used, not at start.
const dynamo = () => import('./dynamo-store.js');

export function dynamoStoreFor(config: Config): ConversationStore & FeedbackStore {
  return lazyAdapter(async () => (await dynamo()).dynamoStoreFor(config), DYNAMO_METHODS.store);
}

export function dynamoAnalyticsFor(config: Config): AnalyticsStore {
  return lazyAdapter(async () => (await dynamo()).dynamoAnalyticsFor(config), DYNAMO_METHODS.analytics);
}

export function dynamoAnswersFor(config: Config): AnswerBook {
  return lazyAdapter(async () => (await dynamo()).dynamoAnswersFor(config), DYNAMO_METHODS.answers);
}

export function dynamoGapsFor(config: Config): KnowledgeGapStore {
  return lazyAdapter(async () => (await dynamo()).dynamoGapsFor(config), DYNAMO_METHODS.gaps);
}

export function dynamoLeadsFor(config: Config): LeadStore {
  return lazyAdapter(async () => (await dynamo()).dynamoLeadsFor(config), DYNAMO_METHODS.leads);
}

export function dynamoUsageCountersFor(config: Config, clock: Clock): UsageCounters {
  return lazyAdapter(async () => (await dynamo()).dynamoUsageCountersFor(config, clock), DYNAMO_METHODS.counters);
}
