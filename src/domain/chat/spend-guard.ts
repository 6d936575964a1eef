import type { TokenUsage } from '../../ports/chat-model.js';
import type { UsageCounters } from '../../ports/usage-counters.js';
import type { SessionId } from '../conversation/conversation.js';
import type { Persona } from '../persona/persona.js';

export interface SpendLimits {
  /** Tokens (input + output) every session together may spend per UTC day; 0 means no cap. */
  readonly dailyTokens: number;
  /** Tokens one session may spend over its life; 0 means no cap. */
  readonly sessionTokens: number;
  /** Visitor messages one session may send; 0 means no cap. */
  readonly maxTurns: number;
  /** Said instead of an answer once a token budget is spent; `{email}` becomes the persona's email. */
  readonly restingMessage?: string;
}

export interface Refusal {
  readonly reason: 'daily_budget' | 'session_budget' | 'max_turns';
  readonly text: string;
}

const DEFAULT_RESTING =
  "I'm resting for now: I've answered all the questions I can for today. Please come back tomorrow{contact}.";
const SESSION_TTL_MS = 90 * 24 * 3_600_000;

function dayKey(now: Date): string {
  return `tokens:day:${now.toISOString().slice(0, 10)}`;
}

function endOfDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/**
 * Spend caps checked before the model is called, counted from the usage every ChatModel
 * reports (the offline model reports its own estimate). A refused question costs nothing.
 */
export class SpendGuard {
  constructor(
    private readonly counters: UsageCounters,
    private readonly limits: SpendLimits,
  ) {}

  async check(sessionId: SessionId, turnsSoFar: number, persona: Persona, now: Date): Promise<Refusal | null> {
    if (this.limits.maxTurns > 0 && turnsSoFar >= this.limits.maxTurns) {
      return {
        reason: 'max_turns',
        text: `This conversation has reached its limit of ${this.limits.maxTurns} questions. Please start a new conversation to keep talking.`,
      };
    }
    const [today, session] = await Promise.all([
      this.limits.dailyTokens > 0 ? this.counters.get(dayKey(now)) : Promise.resolve(0),
      this.limits.sessionTokens > 0 ? this.counters.get(`tokens:session:${sessionId}`) : Promise.resolve(0),
    ]);
    if (this.limits.dailyTokens > 0 && today >= this.limits.dailyTokens) {
      return { reason: 'daily_budget', text: this.resting(persona) };
    }
    if (this.limits.sessionTokens > 0 && session >= this.limits.sessionTokens) {
      return { reason: 'session_budget', text: this.resting(persona) };
    }
    return null;
  }

  async record(sessionId: SessionId, usage: TokenUsage, now: Date): Promise<void> {
    const tokens = usage.input_tokens + usage.output_tokens;
    if (tokens <= 0) return;
    await Promise.all([
      this.limits.dailyTokens > 0 ? this.counters.add(dayKey(now), tokens, endOfDay(now)) : undefined,
      this.limits.sessionTokens > 0
        ? this.counters.add(`tokens:session:${sessionId}`, tokens, new Date(now.getTime() + SESSION_TTL_MS))
        : undefined,
    ]);
  }

  private resting(persona: Persona): string {
    const email = persona.facts.email;
    const template = this.limits.restingMessage ?? DEFAULT_RESTING;
    if (template.includes('{contact}'))
      return template.replace('{contact}', email ? `, or write to me at ${email}` : '');
    return template.replaceAll('{email}', email ?? 'the contact address on my site');
  }
}
