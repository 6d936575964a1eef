import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { InMemoryUsageCounters } from '../../src/adapters/memory/in-memory-usage-counters.js';
import { SpendGuard } from '../../src/domain/chat/spend-guard.js';
import type { SessionId } from '../../src/domain/conversation/conversation.js';
import { testPersona } from '../support/personas.js';

const persona = testPersona();
const session = 'guarded-session' as SessionId;

function guardWith(limits: Partial<ConstructorParameters<typeof SpendGuard>[1]> = {}) {
  const clock = new FixedClock('2026-05-01T10:00:00.000Z');
  const counters = new InMemoryUsageCounters(clock);
  const guard = new SpendGuard(counters, { dailyTokens: 0, sessionTokens: 0, maxTurns: 0, ...limits });
  return { guard, clock };
}

describe('SpendGuard', () => {
  it('lets everything through with every cap at 0', async () => {
    const { guard, clock } = guardWith();
    await guard.record(session, { input_tokens: 10 ** 9, output_tokens: 10 ** 9 }, clock.now());
    expect(await guard.check(session, 10 ** 6, persona, clock.now())).toBeNull();
  });

  it('rests for the day once the daily budget is spent, and wakes up the next UTC day', async () => {
    const { guard, clock } = guardWith({ dailyTokens: 1000 });
    await guard.record(session, { input_tokens: 600, output_tokens: 300 }, clock.now());
    expect(await guard.check(session, 1, persona, clock.now())).toBeNull();
    await guard.record('another-session' as SessionId, { input_tokens: 50, output_tokens: 50 }, clock.now());
    const refusal = await guard.check('third-session' as SessionId, 0, persona, clock.now());
    expect(refusal?.reason).toBe('daily_budget');
    expect(refusal?.text).toContain('noor@example.org');
    clock.set('2026-05-02T00:00:01.000Z');
    expect(await guard.check(session, 1, persona, clock.now())).toBeNull();
  });

  it('caps one session without touching the others', async () => {
    const { guard, clock } = guardWith({ sessionTokens: 100 });
    await guard.record(session, { input_tokens: 80, output_tokens: 20 }, clock.now());
    expect((await guard.check(session, 1, persona, clock.now()))?.reason).toBe('session_budget');
    expect(await guard.check('fresh-session' as SessionId, 0, persona, clock.now())).toBeNull();
  });

  it('limits the number of questions per session', async () => {
    const { guard, clock } = guardWith({ maxTurns: 3 });
    expect(await guard.check(session, 2, persona, clock.now())).toBeNull();
    const refusal = await guard.check(session, 3, persona, clock.now());
    expect(refusal?.reason).toBe('max_turns');
    expect(refusal?.text).toContain('3 questions');
  });

  it("uses the owner's resting message with the email filled in", async () => {
    const { guard, clock } = guardWith({ dailyTokens: 1, restingMessage: 'Back tomorrow. Mail {email}.' });
    await guard.record(session, { input_tokens: 1, output_tokens: 0 }, clock.now());
    expect((await guard.check(session, 0, persona, clock.now()))?.text).toBe('Back tomorrow. Mail noor@example.org.');
  });
});
