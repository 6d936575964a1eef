import type { MetricUnit } from '../../ports/metrics-sink.js';

/** What one metric means: its unit and the only dimension keys it may carry besides the sink's own. */
export interface MetricDefinition {
  readonly unit: MetricUnit;
  readonly dimensions: readonly string[];
  readonly help: string;
}

/**
 * Every metric the twin emits. The dashboard, the alarms and every sink are checked
 * against this table, so a misspelt name fails a test instead of charting nothing.
 */
export const METRIC_CATALOGUE = {
  Requests: { unit: 'Count', dimensions: ['Route', 'Status'], help: 'HTTP requests answered' },
  RequestLatency: { unit: 'Milliseconds', dimensions: ['Route'], help: 'Time to answer an HTTP request' },
  Errors: { unit: 'Count', dimensions: ['Code'], help: 'Error responses, by domain error code' },
  ServerErrors: { unit: 'Count', dimensions: [], help: 'Responses with a 5xx status' },
  Throttles: { unit: 'Count', dimensions: [], help: 'Responses with status 429' },
  ColdStart: { unit: 'Count', dimensions: [], help: 'First request served by a process' },
  ProcessMemory: { unit: 'Bytes', dimensions: [], help: 'Resident set size of the process' },
  ModelLatency: { unit: 'Milliseconds', dimensions: ['Model'], help: 'Time from question to complete answer' },
  TimeToFirstToken: { unit: 'Milliseconds', dimensions: ['Model'], help: 'Time from question to first streamed token' },
  InputTokens: { unit: 'Count', dimensions: ['Model'], help: 'Prompt tokens sent to the model' },
  OutputTokens: { unit: 'Count', dimensions: ['Model'], help: 'Tokens the model wrote' },
  EstimatedCost: { unit: 'None', dimensions: ['Model'], help: 'Estimated model cost in US dollars' },
  ModelErrors: { unit: 'Count', dimensions: ['Code'], help: 'Failed model calls, by domain error code' },
  ConversationCount: { unit: 'Count', dimensions: [], help: 'New sessions started' },
  MessageCount: { unit: 'Count', dimensions: ['Role'], help: 'Messages stored, by role' },
  SessionCount: { unit: 'Count', dimensions: [], help: 'Sessions active on a UTC day (counted once per day)' },
  QuestionCount: { unit: 'Count', dimensions: [], help: 'Visitor messages that ask something' },
  ChatRefusals: {
    unit: 'Count',
    dimensions: ['Reason'],
    help: 'Questions answered without the model: daily_budget, session_budget or max_turns',
  },
  PromptInjectionAttempts: {
    unit: 'Count',
    dimensions: ['Kind'],
    help: 'Visitor messages that try to override or extract the instructions',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRIC_CATALOGUE;

export const METRIC_NAMES = Object.keys(METRIC_CATALOGUE) as MetricName[];

export function isMetricName(name: string): name is MetricName {
  return Object.hasOwn(METRIC_CATALOGUE, name);
}
