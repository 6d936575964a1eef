import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { InMemoryUsageCounters } from '../../src/adapters/memory/in-memory-usage-counters.js';
import { type Refusal, type Reservation, SpendGuard, type SpendLimits } from '../../src/domain/chat/spend-guard.js';
import type { SessionId } from '../../src/domain/conversation/conversation.js';
import { testPersona } from '../support/personas.js';

const persona = testPersona();
const session = 'guarded-session-000000000' as SessionId;

function guardWith(limits: Partial<SpendLimits> = {}) {
  const clock = new FixedClock('2026-05-01T10:00:00.000Z');
  const counters = new InMemoryUsageCounters(clock);
  const guard = new SpendGuard(counters, { dailyTokens: 0, sessionTokens: 0, maxTurns: 0, ...limits });
  // One whole turn: reserve, then settle with what the model used.
  const turn = async (
    sessionId: SessionId,
    used: number,
    extra: { turnsSoFar?: number; client?: string; estimate?: number } = {},
  ): Promise<Refusal | null> => {
    const opened = await guard.open({
      sessionId,
      client: extra.client,
      turnsSoFar: extra.turnsSoFar ?? 0,
      estimate: extra.estimate ?? 50,
      persona,
      now: clock.now(),
    });
    if ('refusal' in opened) return opened.refusal;
    await guard.settle(opened.reservation, { input_tokens: used, output_tokens: 0 });
    return null;
  };
  return { guard, clock, counters, turn };
}

describe('SpendGuard', () => {
  it('lets everything through with every cap at 0', async () => {
    const { turn } = guardWith();
    expect(await turn(session, 10 ** 9)).toBeNull();
    expect(await turn(session, 10 ** 9, { turnsSoFar: 10 ** 6 })).toBeNull();
  });

  it('rests for the day once the daily budget is spent, and wakes up the next UTC day', async () => {
    const { turn, clock } = guardWith({ dailyTokens: 1000 });
    expect(await turn(session, 900)).toBeNull();
    expect(await turn('another-session-0000000000' as SessionId, 100)).toBeNull();
    const refusal = await turn('third-session-00000000000' as SessionId, 1);
    expect(refusal?.reason).toBe('daily_budget');
    expect(refusal?.text).toContain('noor@example.org');
    clock.set('2026-05-02T00:00:01.000Z');
    expect(await turn(session, 1)).toBeNull();
  });

  it('caps one session without touching the others', async () => {
    const { turn } = guardWith({ sessionTokens: 100 });
    expect(await turn(session, 100)).toBeNull();
    expect((await turn(session, 1))?.reason).toBe('session_budget');
    expect(await turn('fresh-session-00000000000' as SessionId, 1)).toBeNull();
  });

  it("gives one client only its share of the day's budget", async () => {
    const { turn } = guardWith({ dailyTokens: 10_000, clientDailyTokens: 500 });
    expect(await turn(session, 500, { client: '203.0.113.7' })).toBeNull();
    expect((await turn('other-session-00000000000' as SessionId, 1, { client: '203.0.113.7' }))?.reason).toBe(
      'client_budget',
    );
    expect(await turn(session, 1, { client: '198.51.100.2' })).toBeNull();
  });

  it('limits the number of questions per session, also from the stored count after a restart', async () => {
    const { turn } = guardWith({ maxTurns: 3 });
    expect(await turn(session, 1)).toBeNull();
    expect(await turn(session, 1)).toBeNull();
    expect(await turn(session, 1)).toBeNull();
    const refusal = await turn(session, 1);
    expect(refusal?.reason).toBe('max_turns');
    expect(refusal?.text).toContain('3 questions');
    // A fresh counter store (a restarted process) still sees the session's stored turns.
    const restarted = guardWith({ maxTurns: 3 });
    expect(await restarted.turn(session, 1, { turnsSoFar: 2 })).toBeNull();
    expect((await restarted.turn(session, 1, { turnsSoFar: 2 }))?.reason).toBe('max_turns');
  });

  it('lets exactly maxTurns of many concurrent turns through', async () => {
    const { guard, clock } = guardWith({ maxTurns: 7 });
    const opened = await Promise.all(
      Array.from({ length: 50 }, () =>
        guard.open({ sessionId: session, turnsSoFar: 0, estimate: 10, persona, now: clock.now() }),
      ),
    );
    expect(opened.filter((o) => 'reservation' in o)).toHaveLength(7);
  });

  it('lets only one of many concurrent turns spend the last of the daily budget', async () => {
    const { guard, clock, counters } = guardWith({ dailyTokens: 100 });
    const opened = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        guard.open({
          sessionId: `s-${i}-0000000000000000000000` as SessionId,
          turnsSoFar: 0,
          estimate: 100,
          persona,
          now: clock.now(),
        }),
      ),
    );
    const allowed = opened.filter((o): o is { reservation: Reservation } => 'reservation' in o);
    expect(allowed).toHaveLength(1);
    // Refused turns gave their reservations back; settling the one allowed leaves its real usage.
    await guard.settle((allowed[0] as { reservation: Reservation }).reservation, {
      input_tokens: 30,
      output_tokens: 5,
    });
    expect(await counters.get('tokens:day:2026-05-01')).toBe(35);
  });

  it("uses the owner's resting message with the email filled in", async () => {
    const { turn } = guardWith({ dailyTokens: 1, restingMessage: 'Back tomorrow. Mail {email}.' });
    expect(await turn(session, 1)).toBeNull();
    expect((await turn(session, 1))?.text).toBe('Back tomorrow. Mail noor@example.org.');
  });
});
