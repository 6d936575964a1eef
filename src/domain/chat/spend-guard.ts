import type { TokenUsage } from '../../ports/chat-model.js';
import type { UsageCounters } from '../../ports/usage-counters.js';
import type { SessionId } from '../conversation/conversation.js';
import type { Persona } from '../persona/persona.js';

export interface SpendLimits {
  /** Tokens (input + output) every session together may spend per UTC day; 0 means no cap. */
  readonly dailyTokens: number;
  /** Tokens one session may spend over its life; 0 means no cap. */
  readonly sessionTokens: number;
  /** Tokens one client (one IP) may spend per UTC day: its fair share of the daily budget; 0 means no cap. */
  readonly clientDailyTokens?: number;
  /** Visitor messages one session may send; 0 means no cap. */
  readonly maxTurns: number;
  /** Said instead of an answer once a token budget is spent; `{email}` becomes the persona's email. */
  readonly restingMessage?: string;
}

export type RefusalReason = 'daily_budget' | 'client_budget' | 'session_budget' | 'max_turns';

export interface Refusal {
  readonly reason: RefusalReason;
  readonly text: string;
}

/** Tokens held against every budget of one turn until its real usage is known. */
export interface Reservation {
  readonly tokens: number;
  readonly budgets: readonly Budget[];
}

interface Budget {
  readonly key: string;
  readonly cap: number;
  readonly expiresAt: Date;
  readonly reason: RefusalReason;
}

export interface TurnRequest {
  readonly sessionId: SessionId;
  /** Who asks (e.g. an IP); without it there is no per-client share. */
  readonly client?: string;
  /** Visitor messages the store already holds for this session. */
  readonly turnsSoFar: number;
  /** Tokens the store's answers of this session record (seeds a forgotten session total). */
  readonly sessionTokensSoFar?: number;
  /** The turn's expected cost in tokens (prompt estimate plus an answer allowance). */
  readonly estimate: number;
  readonly persona: Persona;
  readonly now: Date;
}

const DEFAULT_RESTING =
  "I'm resting for now: I've answered all the questions I can for today. Please come back tomorrow{contact}.";
const SESSION_TTL_MS = 90 * 24 * 3_600_000;
const NO_RESERVATION: Reservation = { tokens: 0, budgets: [] };

function endOfDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/**
 * Spend caps and the turn cap, decided atomically: every check is an atomic add on a shared
 * counter (UsageCounters.add returns the new total), so concurrent turns cannot all pass a check
 * that only one of them should. A turn reserves its estimate on every budget before the model is
 * called and settles the difference once the model reports its usage; a refused turn gives its
 * reservation back. Overshoot is therefore bounded by the estimation error of the turns in flight.
 * Decision record: docs/adr/0701-one-turn-pipeline.md.
 */
export class SpendGuard {
  constructor(
    private readonly counters: UsageCounters,
    private readonly limits: SpendLimits,
  ) {}

  /** Reserves the turn, or says why the model must not be called. */
  async open(turn: TurnRequest): Promise<{ refusal: Refusal } | { reservation: Reservation }> {
    if (await this.overTurnCap(turn)) {
      return {
        refusal: {
          reason: 'max_turns',
          text: `This conversation has reached its limit of ${this.limits.maxTurns} questions. Please start a new conversation to keep talking.`,
        },
      };
    }
    const budgets = this.budgetsOf(turn);
    if (budgets.length === 0) return { reservation: NO_RESERVATION };
    const session = budgets.find((b) => b.reason === 'session_budget');
    if (session && this.counters.seed && turn.sessionTokensSoFar) {
      await this.counters.seed(session.key, turn.sessionTokensSoFar, session.expiresAt);
    }
    const totals = await Promise.all(budgets.map((b) => this.counters.add(b.key, turn.estimate, b.expiresAt)));
    const spent = budgets.find((b, i) => (totals[i] as number) - turn.estimate >= b.cap);
    const reservation = { tokens: turn.estimate, budgets };
    if (!spent) return { reservation };
    await this.settle(reservation, { input_tokens: 0, output_tokens: 0 });
    return { refusal: { reason: spent.reason, text: this.resting(turn.persona) } };
  }

  /** Replaces the reservation with what the turn really used (zero usage gives it all back). */
  async settle(reservation: Reservation, usage: TokenUsage): Promise<void> {
    const delta = usage.input_tokens + usage.output_tokens - reservation.tokens;
    if (delta === 0) return;
    await Promise.all(reservation.budgets.map((b) => this.counters.add(b.key, delta, b.expiresAt)));
  }

  // Counters that a process can forget (in memory) are seeded from the store's count first,
  // atomically, so a restart cannot reopen a full session even under a burst of requests.
  // Shared counters (DynamoDB) start with the session; a session older than its counter is
  // seeded by whichever request takes the first slot.
  private async overTurnCap(turn: TurnRequest): Promise<boolean> {
    const max = this.limits.maxTurns;
    if (max <= 0) return false;
    if (turn.turnsSoFar >= max) return true;
    const key = `turns:session:${turn.sessionId}`;
    const expiresAt = new Date(turn.now.getTime() + SESSION_TTL_MS);
    if (this.counters.seed) {
      await this.counters.seed(key, turn.turnsSoFar, expiresAt);
      return (await this.counters.add(key, 1, expiresAt)) > max;
    }
    let taken = await this.counters.add(key, 1, expiresAt);
    if (taken === 1 && turn.turnsSoFar > 0) taken = await this.counters.add(key, turn.turnsSoFar, expiresAt);
    return taken > max;
  }

  private budgetsOf(turn: TurnRequest): Budget[] {
    const day = turn.now.toISOString().slice(0, 10);
    const budgets: Budget[] = [];
    if (this.limits.dailyTokens > 0) {
      budgets.push({
        key: `tokens:day:${day}`,
        cap: this.limits.dailyTokens,
        expiresAt: endOfDay(turn.now),
        reason: 'daily_budget',
      });
    }
    const clientCap = this.limits.clientDailyTokens ?? 0;
    if (clientCap > 0 && turn.client) {
      budgets.push({
        key: `tokens:client:${day}:${turn.client}`,
        cap: clientCap,
        expiresAt: endOfDay(turn.now),
        reason: 'client_budget',
      });
    }
    if (this.limits.sessionTokens > 0) {
      budgets.push({
        key: `tokens:session:${turn.sessionId}`,
        cap: this.limits.sessionTokens,
        expiresAt: new Date(turn.now.getTime() + SESSION_TTL_MS),
        reason: 'session_budget',
      });
    }
    return budgets;
  }

  private resting(persona: Persona): string {
    const email = persona.facts.email;
    const template = this.limits.restingMessage ?? DEFAULT_RESTING;
    if (template.includes('{contact}'))
      return template.replace('{contact}', email ? `, or write to me at ${email}` : '');
    return template.replaceAll('{email}', email ?? 'the contact address on my site');
  }
}
