import { fc } from '@fast-check/vitest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gapAsked } from '../../src/domain/knowledge/knowledge-gaps.js';
import { leadRecorded, parseLeadDetails } from '../../src/domain/knowledge/leads.js';
import type { KnowledgeGapStore } from '../../src/ports/knowledge-gap-store.js';
import type { LeadStore } from '../../src/ports/lead-store.js';

export interface KnowledgeStores {
  readonly gaps: KnowledgeGapStore;
  readonly leads: LeadStore;
  close(): Promise<void>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

export interface ContractOptions {
  /**
   * Whether the server applies concurrent updates of one item atomically, as DynamoDB does.
   * moto's server does not (its request threads race on UpdateItem), so for moto the
   * concurrency case is left to dynalite and the other stores.
   */
  readonly atomicUpdates?: boolean;
}

/** One suite for every implementation of KnowledgeGapStore and LeadStore. */
export function knowledgeStoresContract(
  name: string,
  make: () => Promise<KnowledgeStores>,
  options: ContractOptions = {},
): void {
  describe(`${name} honours KnowledgeGapStore and LeadStore`, () => {
    let stores: KnowledgeStores;
    beforeEach(async () => {
      stores = await make();
    });
    afterEach(async () => {
      await stores.close();
    });

    it('creates a gap on the first asking and counts repeats of the same meaning', async () => {
      const first = await stores.gaps.recordAsked(gapAsked('What is your favourite film?', at(1)));
      const again = await stores.gaps.recordAsked(gapAsked('  what is your FAVOURITE film  ', at(5)));
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.gap).toMatchObject({
        id: first.gap.id,
        question: 'What is your favourite film?',
        times_asked: 2,
        first_asked: at(1).toISOString(),
        last_asked: at(5).toISOString(),
        status: 'open',
        answer: null,
      });
      const other = await stores.gaps.recordAsked(gapAsked('What was your favourite film?', at(6)));
      expect(other.created).toBe(true);
      expect((await stores.gaps.list()).map((g) => g.times_asked).sort()).toEqual([1, 2]);
    });

    if (options.atomicUpdates !== false) {
      it('never loses a concurrent asking', async () => {
        const ask = gapAsked('Do you have a dog?', at(2));
        await Promise.all(Array.from({ length: 25 }, () => stores.gaps.recordAsked(ask)));
        expect((await stores.gaps.get(ask.id))?.times_asked).toBe(25);
      });
    }

    it('answers, dismisses, reopens an answered gap asked again, keeps a dismissed one dismissed', async () => {
      const a = gapAsked('Do you play chess?', at(1));
      const b = gapAsked('Are you married?', at(1));
      await stores.gaps.recordAsked(a);
      await stores.gaps.recordAsked(b);
      const answered = await stores.gaps.resolve(a.id, {
        status: 'answered',
        answer: 'Badly.',
        at: at(3).toISOString(),
      });
      expect(answered).toMatchObject({ status: 'answered', answer: 'Badly.', resolved_at: at(3).toISOString() });
      await stores.gaps.resolve(b.id, { status: 'dismissed', at: at(3).toISOString() });
      expect((await stores.gaps.recordAsked({ ...a, at: at(4).toISOString() })).gap.status).toBe('open');
      expect((await stores.gaps.recordAsked({ ...b, at: at(4).toISOString() })).gap.status).toBe('dismissed');
      expect(await stores.gaps.get(a.id)).toMatchObject({ status: 'open', times_asked: 2, answer: 'Badly.' });
    });

    it('returns null for a gap that does not exist', async () => {
      const missing = gapAsked('never asked', at(1)).id;
      expect(await stores.gaps.get(missing)).toBeNull();
      expect(await stores.gaps.resolve(missing, { status: 'dismissed', at: at(1).toISOString() })).toBeNull();
    });

    it('round-trips any unicode question byte-identically', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), async (text) => {
          fc.pre(text.trim() !== '');
          const ask = gapAsked(text, at(1));
          const { gap, created } = await stores.gaps.recordAsked(ask);
          // Texts differing only in case or punctuation share a gap, which keeps the first wording.
          if (created) expect(gap.question).toBe(ask.question);
          expect(await stores.gaps.get(ask.id)).toEqual(gap);
        }),
        { numRuns: 25 },
      );
    }, 60_000);

    it('forgets a purged conversation: gaps only it asked go, shared ones count fewer askings', async () => {
      const s1 = 'purged-session-000000000001';
      const s2 = 'other-session-0000000000002';
      const only = gapAsked('Do you own a zebracorn?', at(1), s1);
      const shared = gapAsked('Do you sail?', at(1), s1);
      const untracked = gapAsked('Do you ski?', at(1));
      const theirs = gapAsked('Do you knit?', at(1), s2);
      await stores.gaps.recordAsked(only);
      await stores.gaps.recordAsked({ ...only, at: at(2).toISOString() });
      await stores.gaps.recordAsked(shared);
      await stores.gaps.recordAsked(gapAsked('do you SAIL', at(3), s2));
      await stores.gaps.recordAsked(untracked);
      await stores.gaps.recordAsked(gapAsked('Do you ski?', at(2), s1));
      await stores.gaps.recordAsked(theirs);

      expect(await stores.gaps.forgetSession(s1)).toBe(3);
      expect(await stores.gaps.get(only.id)).toBeNull();
      expect(await stores.gaps.get(shared.id)).toMatchObject({ times_asked: 1 });
      expect(await stores.gaps.get(untracked.id)).toMatchObject({ times_asked: 1 });
      expect(await stores.gaps.get(theirs.id)).toMatchObject({ times_asked: 1 });
      expect(JSON.stringify(await stores.gaps.list())).not.toContain('zebracorn');
      expect(await stores.gaps.forgetSession(s1)).toBe(0);
      // The other conversation still takes its own askings back.
      expect(await stores.gaps.forgetSession(s2)).toBe(2);
      expect(await stores.gaps.get(shared.id)).toBeNull();
    });

    it('forgets a purged conversation: leads only it recorded go, shared ones stop pointing at it', async () => {
      const s1 = 'purged-session-000000000001';
      const s2 = 'other-session-0000000000002';
      const mine = parseLeadDetails({ email: 'zoe@example.org', name: 'Zoe', notes: 'Call me' });
      const both = parseLeadDetails({ email: 'max@example.org' });
      await stores.leads.record(leadRecorded(mine, s1, at(1)));
      await stores.leads.record(leadRecorded(mine, s1, at(2)));
      await stores.leads.record(leadRecorded(both, s2, at(1)));
      await stores.leads.record(leadRecorded(both, s1, at(2)));

      expect(await stores.leads.forgetSession(s1)).toBe(2);
      const left = await stores.leads.list();
      expect(left.map((l) => l.email)).toEqual(['max@example.org']);
      expect(left[0]).toMatchObject({ times_recorded: 1, session_id: null });
      expect(JSON.stringify(left)).not.toContain(s1);
      expect(await stores.leads.forgetSession(s1)).toBe(0);
    });

    it('keeps one lead per email, merging details, newest first in the domain order', async () => {
      const details = parseLeadDetails({ email: 'Ana@Example.org', name: 'Ana', notes: 'Wants a talk' });
      const first = await stores.leads.record(leadRecorded(details, 'session-1', at(1)));
      const again = await stores.leads.record(
        leadRecorded(parseLeadDetails({ email: 'ana@example.org' }), null, at(2)),
      );
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.lead).toMatchObject({
        id: first.lead.id,
        email: 'ana@example.org',
        name: 'Ana',
        notes: 'Wants a talk',
        session_id: 'session-1',
        times_recorded: 2,
        first_recorded: at(1).toISOString(),
        last_recorded: at(2).toISOString(),
      });
      await stores.leads.record(leadRecorded(parseLeadDetails({ email: 'bo@example.net' }), null, at(3)));
      expect((await stores.leads.list()).map((l) => l.email).sort()).toEqual(['ana@example.org', 'bo@example.net']);
    });
  });
}
