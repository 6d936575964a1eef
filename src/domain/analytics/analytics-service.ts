import type { AnalyticsStore } from '../../ports/analytics-store.js';
import type { Clock } from '../../ports/clock.js';
import type { ConversationStore } from '../../ports/conversation-store.js';
import type { PersonaSource } from '../../ports/persona-source.js';
import { type Conversation, parseSessionId } from '../conversation/conversation.js';
import { everyConversation } from '../conversation/export-formats.js';
import { InvalidInput, NotFound } from '../errors.js';
import { analyzeConversation, type ConversationMetrics, type GlobalAnalytics, globalAnalytics } from './analytics.js';
import { addDelta, conversationDelta, emptyTally, QUARTER_MS } from './analytics-counters.js';
import { type PersonaVersionReport, personaVersionReports, type QualityReport, qualityReport } from './quality.js';
import { DAY_MS, type DayRange, dayOf } from './quality-counters.js';
import { type Granularity, seriesRange, type TimeSeries, type TimeSeriesRequest, timeSeries } from './time-series.js';
import { checkTimeZone } from './time-zone.js';
import { topicVocabulary } from './topics.js';

export interface AnalyticsServiceDeps {
  readonly conversations: ConversationStore;
  readonly counters: AnalyticsStore;
  readonly persona: PersonaSource;
  readonly clock: Clock;
  /** IANA name for hours of day, weekdays and day edges. Default UTC. */
  readonly timeZone?: string;
}

/** The UTC days a report covers: the last `days` days including today, or all time. */
export interface ReportPeriod {
  /** null: all time. */
  readonly days: number | null;
  /** ISO 8601 UTC midnight the period starts at; null for all time. */
  readonly from: string | null;
  /** ISO 8601 UTC midnight after today (exclusive). */
  readonly to: string;
}

export type AnalyticsOverview = GlobalAnalytics & QualityReport & { readonly period: ReportPeriod };

export const MAX_PERIOD_DAYS = 366;

export interface RebuildProgress {
  readonly conversations: number;
  readonly messages: number;
}

/**
 * The owner's analytics. Overview and series read only the counters (O(15-minute buckets));
 * one conversation's metrics read that conversation; rebuild is the one full pass.
 */
export class AnalyticsService {
  readonly timeZone: string;

  constructor(private readonly deps: AnalyticsServiceDeps) {
    this.timeZone = checkTimeZone(deps.timeZone ?? 'UTC');
  }

  /**
   * The overview and answer quality, over the last `days` UTC days (today included) or all
   * time. Top topics are an all-time tally whatever the period (ADR 0200).
   */
  async overview(options: { timeZone?: string; days?: number } = {}): Promise<AnalyticsOverview> {
    const timeZone = checkTimeZone(options.timeZone ?? this.timeZone);
    const { period, range } = this.period(options.days);
    const quarters = DAY_MS / QUARTER_MS;
    const bucketRange = {
      ...(range.from === undefined ? {} : { from: range.from * quarters }),
      ...(range.to === undefined ? {} : { to: range.to * quarters }),
    };
    const [buckets, topics, quality] = await Promise.all([
      this.deps.counters.buckets(bucketRange),
      this.deps.counters.topics(),
      this.deps.counters.qualityDays(range),
    ]);
    return { ...globalAnalytics(buckets, topics, timeZone), ...qualityReport(quality), period };
  }

  /** Each persona version's answers, grounded share, latency, cost and satisfaction, the most recent first. */
  async personaVersions(
    options: { days?: number } = {},
  ): Promise<{ period: ReportPeriod; versions: PersonaVersionReport[] }> {
    const { period, range } = this.period(options.days);
    return { period, versions: personaVersionReports(await this.deps.counters.qualityDays(range)) };
  }

  private period(days: number | undefined): { period: ReportPeriod; range: DayRange } {
    const end = dayOf(this.deps.clock.now().getTime()) + 1;
    const to = new Date(end * DAY_MS).toISOString();
    if (days === undefined) return { period: { days: null, from: null, to }, range: {} };
    if (!Number.isSafeInteger(days) || days < 1 || days > MAX_PERIOD_DAYS) {
      throw new InvalidInput(`days must be a whole number from 1 to ${MAX_PERIOD_DAYS}`);
    }
    const from = end - days;
    return { period: { days, from: new Date(from * DAY_MS).toISOString(), to }, range: { from, to: end } };
  }

  async series(options: { days: number; granularity: Granularity; timeZone?: string }): Promise<TimeSeries> {
    const request: TimeSeriesRequest = {
      days: options.days,
      granularity: options.granularity,
      now: this.deps.clock.now(),
      timeZone: checkTimeZone(options.timeZone ?? this.timeZone),
    };
    return timeSeries(await this.deps.counters.buckets(seriesRange(request)), request);
  }

  async conversation(sessionId: unknown): Promise<ConversationMetrics> {
    const conversation = await this.deps.conversations.load(parseSessionId(sessionId));
    if (!conversation) throw new NotFound('No conversation with this session id');
    const persona = await this.deps.persona.load();
    return analyzeConversation(conversation, topicVocabulary(persona.facts));
  }

  /**
   * Recomputes every counter from the stored conversations, streaming them one at a
   * time: memory holds the counters (O(buckets + topics)), never the conversations.
   */
  async rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    const vocabulary = topicVocabulary((await this.deps.persona.load()).facts);
    const tally = emptyTally();
    let conversations = 0;
    let messages = 0;
    for await (const conversation of this.allConversations()) {
      addDelta(tally, conversationDelta(conversation, vocabulary));
      conversations++;
      messages += conversation.messages.length;
      onProgress?.({ conversations, messages });
    }
    await this.deps.counters.replace(tally);
    return { conversations, messages };
  }

  private allConversations(): AsyncIterable<Conversation> {
    return everyConversation(this.deps.conversations);
  }
}
