import { fc, it } from '@fast-check/vitest';
import { afterEach, beforeEach, describe, expect } from 'vitest';
import type {
  MessageId,
  MessageRating,
  NewMessage,
  RatingValue,
  SessionId,
} from '../../src/domain/conversation/conversation.js';
import { encodeSessionCursor } from '../../src/domain/conversation/cursor.js';
import type { RatedAnswer } from '../../src/domain/feedback/feedback.js';
import type { ConversationStore } from '../../src/ports/conversation-store.js';
import type { FeedbackStore } from '../../src/ports/feedback-store.js';

export interface FeedbackStoreUnderTest {
  readonly store: ConversationStore & FeedbackStore;
  close(): Promise<void>;
}

let sessions = 0;
let messages = 0;

function newSessionId(): SessionId {
  sessions += 1;
  return `rating-${process.pid}-${String(sessions).padStart(6, '0')}` as SessionId;
}

function at(seconds: number): string {
  return new Date(Date.UTC(2026, 1, 1) + seconds * 1000).toISOString();
}

function turn(question: string, answer: string, seconds: number): NewMessage[] {
  messages += 2;
  return [
    { id: `q-${messages}` as MessageId, role: 'user', content: question, timestamp: at(seconds) },
    {
      id: `a-${messages}` as MessageId,
      role: 'assistant',
      content: answer,
      timestamp: at(seconds + 1),
      answer: {
        grounded: true,
        source: 'model',
        model: 'm',
        persona_version: 'v1',
        latency_ms: 100,
        input_tokens: 1,
        output_tokens: 1,
      },
    },
  ];
}

function rating(
  seq: number,
  value: RatingValue,
  seconds: number,
  extra: Partial<RatedAnswer> = {},
): Omit<RatedAnswer, 'session_id'> {
  return {
    seq,
    rating: value,
    comment: null,
    rated_at: at(seconds),
    message_index: seq - 1,
    question: `question ${seq}`,
    answer: `answer ${seq}`,
    answered_at: at(seconds - 1),
    grounded: true,
    persona_version: 'v1',
    ...extra,
  };
}

async function allRated(store: FeedbackStore, value: RatingValue, limit: number): Promise<RatedAnswer[][]> {
  const pages: RatedAnswer[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.ratedAnswers({ rating: value, limit, ...(cursor === undefined ? {} : { cursor }) });
    pages.push([...page.items]);
    cursor = page.next_cursor ?? undefined;
    if (pages.length > 200) throw new Error('pagination does not terminate');
  } while (cursor !== undefined);
  return pages;
}

const commentText = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
  .map((t) => t.replaceAll('\u0000', ''))
  .filter((t) => t.length > 0);

/** What every FeedbackStore (the conversation stores) must do with visitors' ratings. */
export function feedbackStoreContract(
  name: string,
  make: () => Promise<FeedbackStoreUnderTest>,
  options: {
    numRuns?: number;
    /**
     * false for a test server whose PutItem is not atomic under concurrent requests (moto serves
     * each request on its own thread and reads the old item apart from the write: two concurrent
     * puts can both return the same old rating). Real DynamoDB and dynalite write one item
     * atomically, so they run the votes concurrently; moto runs the same chain one by one.
     */
    atomicConcurrentWrites?: boolean;
  } = {},
): void {
  describe(`${name} honours FeedbackStore`, () => {
    let subject: FeedbackStoreUnderTest;
    let store: ConversationStore & FeedbackStore;

    beforeEach(async () => {
      subject = await make();
      store = subject.store;
    });

    afterEach(async () => {
      await subject.close();
    });

    it('keeps a rating with its conversation, and a later rating of the same answer replaces it', async () => {
      const id = newSessionId();
      await store.append(id, [...turn('Where?', 'Lisbon.', 1), ...turn('Why?', 'The light.', 3)]);

      expect(await store.rate(id, rating(2, 'up', 10))).toBeNull();
      expect(await store.rate(id, rating(4, 'up', 11))).toBeNull();
      const replaced = await store.rate(id, rating(2, 'down', 12, { comment: 'Too short' }));

      expect(replaced).toEqual({ seq: 2, rating: 'up', comment: null, rated_at: at(10) });
      expect((await store.load(id))?.ratings).toEqual([
        { seq: 2, rating: 'down', comment: 'Too short', rated_at: at(12) },
        { seq: 4, rating: 'up', comment: null, rated_at: at(11) },
      ]);
      // Every rating comes with the conversation, whatever part of it is loaded.
      expect((await store.load(id, { limit: 1 }))?.ratings).toHaveLength(2);
      expect((await store.load(id, { oldest: 1 }))?.ratings).toHaveLength(2);
    });

    it('leaves ratings out of a conversation that has none', async () => {
      const id = newSessionId();
      await store.append(id, turn('Hi', 'Hello', 1));
      expect(await store.load(id)).not.toHaveProperty('ratings');
    });

    it('refuses to rate in a session that is absent or deleted, or a message that does not exist', async () => {
      const id = newSessionId();
      await expect(store.rate(id, rating(2, 'up', 5))).rejects.toMatchObject({ code: 'not_found' });
      await store.append(id, turn('Hi', 'Hello', 1));
      await expect(store.rate(id, rating(9, 'up', 5))).rejects.toMatchObject({ code: 'not_found' });
      await store.softDelete(id);
      await expect(store.rate(id, rating(2, 'up', 5))).rejects.toMatchObject({ code: 'not_found' });
      await expect(store.rate('../../etc' as SessionId, rating(2, 'up', 5))).rejects.toMatchObject({
        code: 'invalid_input',
      });
    });

    it('lists rated answers of one rating, newest first, with the texts the owner needs', async () => {
      const first = newSessionId();
      const second = newSessionId();
      await store.append(first, [...turn('Q1', 'A1', 1), ...turn('Q2', 'A2', 3)]);
      await store.append(second, turn('Q3', 'A3', 1));
      await store.rate(first, rating(2, 'down', 20, { comment: 'wrong', question: 'Q1', answer: 'A1' }));
      await store.rate(second, rating(2, 'down', 30, { grounded: null, persona_version: null }));
      await store.rate(first, rating(4, 'up', 25));

      const downs = await store.ratedAnswers({ rating: 'down', limit: 10 });
      expect(downs.next_cursor).toBeNull();
      expect(downs.items.map((r) => [r.session_id, r.seq])).toEqual([
        [second, 2],
        [first, 2],
      ]);
      expect(downs.items[1]).toEqual({
        ...rating(2, 'down', 20, { comment: 'wrong', question: 'Q1', answer: 'A1' }),
        session_id: first,
      });
      expect(downs.items[0]).toMatchObject({ grounded: null, persona_version: null });
      const ups = await store.ratedAnswers({ rating: 'up', limit: 10 });
      expect(ups.items.map((r) => [r.session_id, r.seq])).toEqual([[first, 4]]);
      // A re-rating moves the answer from one list to the other.
      await store.rate(first, rating(4, 'down', 40));
      expect((await store.ratedAnswers({ rating: 'up', limit: 10 })).items).toEqual([]);
      expect((await store.ratedAnswers({ rating: 'down', limit: 10 })).items[0]).toMatchObject({
        session_id: first,
        seq: 4,
      });
    });

    it('pages through every rated answer exactly once', async () => {
      const ids = Array.from({ length: 12 }, () => newSessionId());
      await Promise.all(
        ids.map((id, i) => store.append(id, [...turn(`q${i}`, `a${i}`, 1), ...turn('more', 'yes', 3)])),
      );
      // Few distinct times, so ties straddle page boundaries.
      await Promise.all(
        ids.flatMap((id, i) => [
          store.rate(id, rating(2, 'down', 100 + (i % 3))),
          store.rate(id, rating(4, 'down', 100 + (i % 2))),
        ]),
      );

      const pages = await allRated(store, 'down', 5);
      const listed = pages.flat();
      expect(listed).toHaveLength(24);
      expect(new Set(listed.map((r) => `${r.session_id}#${r.seq}`)).size).toBe(24);
      const keys = listed.map((r) => [r.rated_at, r.session_id, r.seq] as const);
      const sorted = [...keys].sort((a, b) =>
        a[0] !== b[0] ? (a[0] < b[0] ? 1 : -1) : a[1] !== b[1] ? (a[1] < b[1] ? 1 : -1) : b[2] - a[2],
      );
      expect(keys).toEqual(sorted);
    });

    it('rejects a cursor it did not issue, a session cursor included', async () => {
      const forged = [
        'garbage!!',
        '',
        'x'.repeat(5000),
        encodeSessionCursor({ last_updated: at(1), session_id: newSessionId() }),
        Buffer.from(JSON.stringify({ k: 'r1', r: at(1), s: '../etc', q: 1 })).toString('base64url'),
      ];
      for (const cursor of forged) {
        await expect(store.ratedAnswers({ rating: 'down', limit: 5, cursor })).rejects.toMatchObject({
          code: 'invalid_input',
        });
      }
    });

    it('hides the ratings of a soft-deleted session, and purge removes them for good', async () => {
      const kept = newSessionId();
      const hidden = newSessionId();
      const purged = newSessionId();
      for (const id of [kept, hidden, purged]) {
        await store.append(id, turn('q', 'a', 1));
        await store.rate(id, rating(2, 'down', 10, { comment: `about ${id}` }));
      }
      await store.softDelete(hidden);
      await store.purge(purged);

      const listed = (await allRated(store, 'down', 100)).flat().map((r) => r.session_id);
      expect(listed).toContain(kept);
      expect(listed).not.toContain(hidden);
      expect(listed).not.toContain(purged);
      // The purged id starts afresh: no rating of its earlier life comes back.
      await store.append(purged, turn('new', 'life', 50));
      expect(await store.load(purged)).not.toHaveProperty('ratings');
      expect((await allRated(store, 'down', 100)).flat().map((r) => r.session_id)).not.toContain(purged);
    });

    it('removeFeedback takes every rating of a session and keeps its messages', async () => {
      const id = newSessionId();
      await store.append(id, [...turn('q', 'a', 1), ...turn('q2', 'a2', 3)]);
      await store.rate(id, rating(2, 'down', 10));
      await store.rate(id, rating(4, 'up', 11));
      await store.removeFeedback(id);
      await store.removeFeedback(id);
      const loaded = await store.load(id);
      expect(loaded).not.toHaveProperty('ratings');
      expect(loaded?.messages).toHaveLength(4);
      expect((await store.ratedAnswers({ rating: 'down', limit: 100 })).items.map((r) => r.session_id)).not.toContain(
        id,
      );
    });

    it('leaves exactly one rating when the same answer is rated concurrently, each caller learning what it replaced', async () => {
      const id = newSessionId();
      await store.append(id, turn('q', 'a', 1));
      const votes = Array.from({ length: 12 }, (_, i) =>
        rating(2, i % 2 === 0 ? 'up' : 'down', 100 + i, { comment: `vote ${i}` }),
      );
      const replaced: (MessageRating | null)[] = [];
      if (options.atomicConcurrentWrites === false) for (const vote of votes) replaced.push(await store.rate(id, vote));
      else replaced.push(...(await Promise.all(votes.map((vote) => store.rate(id, vote)))));

      const kept = (await store.load(id))?.ratings ?? [];
      expect(kept).toHaveLength(1);
      // The writes form one chain: each vote was replaced at most once, and exactly one caller saw none.
      expect(replaced.filter((r) => r === null)).toHaveLength(1);
      const replacedComments = replaced.filter((r) => r !== null).map((r) => r?.comment);
      expect(new Set(replacedComments).size).toBe(replacedComments.length);
      expect(replacedComments).not.toContain(kept[0]?.comment);
      expect([...replacedComments, kept[0]?.comment].sort()).toEqual(votes.map((v) => v.comment).sort());
    });

    it.prop([commentText, commentText], { numRuns: options.numRuns ?? 25 })(
      'round-trips any unicode comment, question and answer byte for byte',
      async (comment, question) => {
        const id = newSessionId();
        await store.append(id, turn(question, comment, 1));
        await store.rate(id, rating(2, 'down', 10, { comment, question, answer: comment }));
        expect((await store.load(id))?.ratings?.[0]?.comment).toBe(comment);
        const listed = (await allRated(store, 'down', 100)).flat().find((r) => r.session_id === id);
        expect(listed).toMatchObject({ comment, question, answer: comment });
      },
    );
  });
}
