import { fc, it } from '@fast-check/vitest';
import { afterEach, beforeEach, describe, expect } from 'vitest';
import type {
  AnswerRecord,
  MessageId,
  NewMessage,
  Role,
  SessionId,
  SessionSummary,
} from '../../src/domain/conversation/conversation.js';
import type { ConversationStore } from '../../src/ports/conversation-store.js';

export interface StoreUnderTest {
  readonly store: ConversationStore;
  close(): Promise<void>;
}

export interface ContractOptions {
  /** Runs per property; lower it for stores behind a network. Default 50. */
  readonly numRuns?: number;
}

let sessionCounter = 0;
let messageCounter = 0;

// Unique across the whole run, so stores that share a backend between tests (a DynamoDB
// table) never see two tests touch the same session.
function newSessionId(label = 'contract'): SessionId {
  sessionCounter += 1;
  return `${label}-${process.pid}-${String(sessionCounter).padStart(6, '0')}` as SessionId;
}

/** Seconds after a fixed origin, as the ISO 8601 UTC strings a Clock produces. */
function at(seconds: number): string {
  return new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();
}

function message(content: string, options: { role?: Role; seconds?: number } = {}): NewMessage {
  messageCounter += 1;
  return {
    id: `msg-${messageCounter}` as MessageId,
    role: options.role ?? 'user',
    content,
    timestamp: at(options.seconds ?? 0),
  };
}

function idsOf(items: readonly SessionSummary[]): SessionId[] {
  return items.map((s) => s.session_id);
}

/** The documented order: last_updated descending, ties by session_id descending. */
function newestFirst(a: SessionSummary, b: SessionSummary): number {
  if (a.last_updated !== b.last_updated) return a.last_updated < b.last_updated ? 1 : -1;
  return a.session_id < b.session_id ? 1 : a.session_id > b.session_id ? -1 : 0;
}

async function listAll(store: ConversationStore, limit: number): Promise<SessionSummary[][]> {
  const pages: SessionSummary[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listSessions(cursor === undefined ? { limit } : { limit, cursor });
    pages.push([...page.items]);
    cursor = page.next_cursor ?? undefined;
    if (pages.length > 1000) throw new Error('pagination does not terminate');
  } while (cursor !== undefined);
  return pages;
}

// Text a conversation can carry. Every string is well-formed (no lone surrogates) and
// NUL-free, which the domain guarantees before it calls a store.
const awkward = fc.constantFrom(
  '\n',
  '\r\n',
  '"',
  '\\',
  '\\n',
  '\u2028',
  '\u2029',
  'e\u0301',
  'שלום',
  'مرحبا',
  '\u202e',
  '\ufeff',
  '👩‍👩‍👧',
  '🏳️‍🌈',
  '𝄞',
  '\t',
  '{"seq":1}\n',
  '</script>',
);
const unicodeText = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 40 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    fc.string({ unit: fc.oneof(awkward, fc.string({ unit: 'grapheme', maxLength: 3 })), minLength: 1, maxLength: 20 }),
  )
  .map((text) => text.replaceAll('\u0000', ''))
  .filter((text) => text.length > 0);

// Answer records as the chat turn stores them: any label text, any non-negative amounts,
// the optional fields present or absent.
const amount = fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }));
const answerRecord: fc.Arbitrary<AnswerRecord> = fc.record(
  {
    grounded: fc.boolean(),
    source: fc.constantFrom('model' as const, 'limit' as const),
    model: fc.string({ unit: 'grapheme', maxLength: 30 }),
    persona_version: fc.string({ unit: 'grapheme', maxLength: 30 }),
    latency_ms: amount,
    time_to_first_token_ms: amount,
    input_tokens: fc.nat(),
    output_tokens: fc.nat(),
    cost_usd: fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }),
  },
  { requiredKeys: ['grounded', 'source', 'model', 'persona_version', 'latency_ms', 'input_tokens', 'output_tokens'] },
);

/**
 * The behaviour every ConversationStore must show. `make` returns a fresh, empty store
 * for each test (and for each property run); `close` releases what it holds.
 * Only the port's API is used, so any implementation can join.
 */
export function conversationStoreContract(
  name: string,
  make: () => Promise<StoreUnderTest>,
  options: ContractOptions = {},
): void {
  const numRuns = options.numRuns ?? 50;

  describe(`${name} honours ConversationStore`, () => {
    let subject: StoreUnderTest;
    let store: ConversationStore;

    beforeEach(async () => {
      subject = await make();
      store = subject.store;
    });

    afterEach(async () => {
      await subject.close();
    });

    describe('saving and loading', () => {
      it('saves and loads a conversation', async () => {
        const id = newSessionId();
        const user = message('Hello, who are you?', { seconds: 1 });
        const assistant = message('I am the twin.', { role: 'assistant', seconds: 2 });

        const appended = await store.append(id, [user, assistant]);
        const loaded = await store.load(id);

        expect(appended).toEqual([
          { ...user, seq: 1 },
          { ...assistant, seq: 2 },
        ]);
        expect(loaded?.messages).toEqual(appended);
        expect(loaded?.session).toEqual({
          session_id: id,
          created_at: at(1),
          last_updated: at(2),
          message_count: 2,
          metadata: {},
        });
      });

      it('returns null for a session that does not exist', async () => {
        expect(await store.load(newSessionId())).toBeNull();
      });

      it('round-trips international text', async () => {
        const id = newSessionId();
        const text = '你好世界 🌍 Привет мир مرحبا بالعالم שלום עולם こんにちは';
        await store.append(id, [message(text)]);
        expect((await store.load(id))?.messages[0]?.content).toBe(text);
      });

      it('keeps sessions independent', async () => {
        const first = newSessionId();
        const second = newSessionId();
        await store.append(first, [message('first one')]);
        await store.append(second, [message('second one'), message('and more')]);
        await store.append(first, [message('first again')]);

        const a = await store.load(first);
        const b = await store.load(second);
        expect(a?.messages.map((m) => [m.seq, m.content])).toEqual([
          [1, 'first one'],
          [2, 'first again'],
        ]);
        expect(b?.messages.map((m) => [m.seq, m.content])).toEqual([
          [1, 'second one'],
          [2, 'and more'],
        ]);
      });

      it('treats a session that was never appended to as nonexistent', async () => {
        const id = newSessionId();
        expect(await store.load(id)).toBeNull();
        expect(idsOf((await store.listSessions({ limit: 100 })).items)).not.toContain(id);
        expect(await store.softDelete(id)).toBe(false);
      });

      it('rejects an empty batch without creating the session', async () => {
        const id = newSessionId();
        await expect(store.append(id, [])).rejects.toMatchObject({ code: 'invalid_input' });
        expect(await store.load(id)).toBeNull();
      });

      it('rejects ids that could escape a path or key, whatever their type says', async () => {
        const hostile = ['../../etc/passwd', '..', 'a/b/c/d/e', 'short', 'with space 123', ''] as SessionId[];
        for (const id of hostile) {
          await expect(store.append(id, [message('x')])).rejects.toMatchObject({ code: 'invalid_input' });
          await expect(store.load(id)).rejects.toMatchObject({ code: 'invalid_input' });
          await expect(store.softDelete(id)).rejects.toMatchObject({ code: 'invalid_input' });
          await expect(store.purge(id)).rejects.toMatchObject({ code: 'invalid_input' });
        }
      });

      it.prop([fc.array(unicodeText, { minLength: 1, maxLength: 4 }), unicodeText], { numRuns })(
        'round-trips any unicode text byte for byte',
        async (contents, label) => {
          const id = newSessionId('prop');
          const sent = contents.map((content, i) => message(content, { seconds: i }));
          await store.append(id, sent, { metadata: { label } });

          const loaded = await store.load(id);
          const received = loaded?.messages.map((m) => m.content) ?? [];
          expect(received).toEqual(contents);
          received.forEach((text, i) => {
            expect(Buffer.from(text, 'utf8').equals(Buffer.from(contents[i] as string, 'utf8'))).toBe(true);
          });
          expect(loaded?.session.metadata).toEqual({ label });
        },
      );
    });

    describe('answer records', () => {
      it.prop([answerRecord, fc.option(answerRecord, { nil: undefined })], { numRuns })(
        "keeps an assistant message's answer record exactly as appended",
        async (first, second) => {
          const id = newSessionId('answer');
          const question = message('Where are you based?', { seconds: 1 });
          const answer = { ...message('In Lisbon.', { role: 'assistant', seconds: 2 }), answer: first };
          const later = { ...message('Still Lisbon.', { role: 'assistant', seconds: 3 }), answer: second };
          const appended = await store.append(id, [question, answer, later]);
          const loaded = await store.load(id);
          expect(appended[1]?.answer).toEqual(first);
          expect(loaded?.messages[0]).not.toHaveProperty('answer');
          expect(loaded?.messages[1]?.answer).toEqual(first);
          expect(loaded?.messages[2]?.answer).toEqual(second);
          if (second === undefined) expect(loaded?.messages[2]).not.toHaveProperty('answer');
          expect((await store.load(id, { limit: 1 }))?.messages[0]?.answer).toEqual(second);
        },
      );

      it('refuses an answer record on a visitor message or with a broken shape, storing nothing', async () => {
        const id = newSessionId();
        const record: AnswerRecord = {
          grounded: true,
          source: 'model',
          model: 'm',
          persona_version: 'v1',
          latency_ms: 10,
          input_tokens: 1,
          output_tokens: 2,
        };
        const broken = [
          { ...message('q'), answer: record },
          { ...message('a', { role: 'assistant' }), answer: { ...record, latency_ms: -1 } },
          { ...message('a', { role: 'assistant' }), answer: { ...record, cost_usd: Number.NaN } },
          { ...message('a', { role: 'assistant' }), answer: { ...record, source: 'guess' } },
        ] as NewMessage[];
        for (const bad of broken) {
          await expect(store.append(id, [bad])).rejects.toMatchObject({ code: 'invalid_input' });
        }
        expect(await store.load(id)).toBeNull();
      });
    });

    describe('sequence numbers and summary', () => {
      it('numbers messages consecutively from 1 across appends', async () => {
        const id = newSessionId();
        const batches = [1, 3, 2, 1, 4];
        const returned: number[] = [];
        for (const [b, size] of batches.entries()) {
          const appended = await store.append(
            id,
            Array.from({ length: size }, (_, i) => message(`b${b} m${i}`, { seconds: b })),
          );
          returned.push(...appended.map((m) => m.seq));
        }
        const total = batches.reduce((a, b) => a + b, 0);
        const expected = Array.from({ length: total }, (_, i) => i + 1);
        expect(returned).toEqual(expected);
        expect((await store.load(id))?.messages.map((m) => m.seq)).toEqual(expected);
      });

      it('never changes created_at, while last_updated and message_count follow appends', async () => {
        const id = newSessionId();
        await store.append(id, [message('one', { seconds: 10 })]);
        await store.append(id, [message('two', { seconds: 20 }), message('three', { role: 'assistant', seconds: 21 })]);
        const afterTwo = await store.load(id);
        expect(afterTwo?.session).toMatchObject({ created_at: at(10), last_updated: at(21), message_count: 3 });

        await store.append(id, [message('four', { seconds: 30 })]);
        const afterThree = await store.load(id);
        expect(afterThree?.session).toMatchObject({ created_at: at(10), last_updated: at(30), message_count: 4 });

        const listed = (await store.listSessions({ limit: 100 })).items.find((s) => s.session_id === id);
        expect(listed).toEqual(afterThree?.session);
      });

      it('merges metadata shallowly across appends', async () => {
        const id = newSessionId();
        await store.append(id, [message('a')], { metadata: { channel: 'web', visitor: { country: 'NZ' }, n: 1 } });
        await store.append(id, [message('b')], { metadata: { n: 2, note: 'ünïcødé 👋' } });
        await store.append(id, [message('c')]);
        await store.append(id, [message('d')], { metadata: { visitor: { city: 'Wellington' } } });

        const expected = { channel: 'web', visitor: { city: 'Wellington' }, n: 2, note: 'ünïcødé 👋' };
        expect((await store.load(id))?.session.metadata).toEqual(expected);
        const listed = (await store.listSessions({ limit: 100 })).items.find((s) => s.session_id === id);
        expect(listed?.metadata).toEqual(expected);
      });

      it('loads only the newest N messages, oldest first, when given a limit', async () => {
        const id = newSessionId();
        for (let i = 1; i <= 7; i++) await store.append(id, [message(`m${i}`, { seconds: i })]);

        const newest = await store.load(id, { limit: 3 });
        expect(newest?.messages.map((m) => m.content)).toEqual(['m5', 'm6', 'm7']);
        expect(newest?.messages.map((m) => m.seq)).toEqual([5, 6, 7]);
        expect(newest?.session.message_count).toBe(7);
        expect((await store.load(id, { limit: 50 }))?.messages).toHaveLength(7);
        expect((await store.load(id, { limit: 0 }))?.messages).toEqual([]);
        await expect(store.load(id, { limit: -1 })).rejects.toMatchObject({ code: 'invalid_input' });
        await expect(store.load(id, { limit: 1.5 })).rejects.toMatchObject({ code: 'invalid_input' });
      });

      it('loads only the first N messages when asked for the oldest', async () => {
        const id = newSessionId();
        for (let i = 1; i <= 5; i++) await store.append(id, [message(`m${i}`, { seconds: i })]);

        const opening = await store.load(id, { oldest: 2 });
        expect(opening?.messages.map((m) => [m.seq, m.content])).toEqual([
          [1, 'm1'],
          [2, 'm2'],
        ]);
        expect(opening?.session.message_count).toBe(5);
        expect((await store.load(id, { oldest: 50 }))?.messages).toHaveLength(5);
        expect((await store.load(id, { oldest: 0 }))?.messages).toEqual([]);
        await expect(store.load(id, { oldest: -2 })).rejects.toMatchObject({ code: 'invalid_input' });
        await expect(store.load(id, { oldest: 1, limit: 1 })).rejects.toMatchObject({ code: 'invalid_input' });
      });
    });

    describe('concurrency', () => {
      it('never loses or duplicates a seq under 200 concurrent appends', async () => {
        const id = newSessionId();
        const contents = Array.from({ length: 200 }, (_, i) => `concurrent ${i}`);
        const results = await Promise.all(contents.map((c, i) => store.append(id, [message(c, { seconds: i })])));

        const returned = results.flat().map((m) => m.seq);
        expect([...returned].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));

        const loaded = await store.load(id);
        expect(loaded?.messages.map((m) => m.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
        expect(new Set(loaded?.messages.map((m) => m.content))).toEqual(new Set(contents));
        expect(loaded?.session.message_count).toBe(200);
      });

      it('keeps each concurrent batch contiguous', async () => {
        const id = newSessionId();
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            store.append(id, [message(`q${i}`), message(`a${i}`, { role: 'assistant' })]),
          ),
        );
        for (const [question, answer] of results) expect(answer?.seq).toBe((question?.seq ?? 0) + 1);
        const loaded = await store.load(id);
        expect(loaded?.messages).toHaveLength(80);
        for (let i = 0; i < 80; i += 2) {
          expect(loaded?.messages[i + 1]?.content.slice(1)).toBe(loaded?.messages[i]?.content.slice(1));
        }
      });
    });

    describe('listing sessions', () => {
      it('lists the most recently updated first, ties by session_id descending', async () => {
        const ids = Array.from({ length: 6 }, () => newSessionId('order'));
        const seconds = [30, 10, 50, 10, 40, 30];
        for (const [i, id] of ids.entries()) await store.append(id, [message('hi', { seconds: seconds[i] })]);
        // An update moves a session to the front.
        await store.append(ids[1] as SessionId, [message('back again', { seconds: 60 })]);

        const { items, next_cursor } = await store.listSessions({ limit: 100 });
        expect(next_cursor).toBeNull();
        expect(items[0]?.session_id).toBe(ids[1]);
        expect(items).toEqual([...items].sort(newestFirst));
        expect(idsOf(items).sort()).toEqual([...ids].sort());
      });

      it('pages through every session exactly once', async () => {
        const ids = Array.from({ length: 250 }, () => newSessionId('page'));
        // Few distinct timestamps, so ties straddle page boundaries.
        await Promise.all(ids.map((id, i) => store.append(id, [message(`s${i}`, { seconds: i % 7 })])));

        const pages = await listAll(store, 100);
        expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
        const listed = pages.flat();
        expect(new Set(idsOf(listed)).size).toBe(250);
        expect(idsOf(listed).sort()).toEqual([...ids].sort());
        expect(listed).toEqual([...listed].sort(newestFirst));
      });

      it('clamps the page size to 1..100', async () => {
        const ids = Array.from({ length: 105 }, () => newSessionId('clamp'));
        await Promise.all(ids.map((id) => store.append(id, [message('x')])));

        const big = await store.listSessions({ limit: 1000 });
        expect(big.items).toHaveLength(100);
        expect(big.next_cursor).not.toBeNull();
        const tiny = await store.listSessions({ limit: 0 });
        expect(tiny.items).toHaveLength(1);
        expect(tiny.next_cursor).not.toBeNull();
      });

      it('does not skip or repeat sessions that keep their place when others change between pages', async () => {
        const ids = Array.from({ length: 9 }, () => newSessionId('keyset'));
        for (const [i, id] of ids.entries()) await store.append(id, [message('x', { seconds: i })]);

        const first = await store.listSessions({ limit: 3 });
        // ids[0] is the oldest, due on the last page; it jumps to the front instead.
        await store.append(ids[0] as SessionId, [message('bump', { seconds: 100 })]);
        const seen = [...idsOf(first.items)];
        let cursor = first.next_cursor;
        while (cursor !== null) {
          const page = await store.listSessions({ limit: 3, cursor });
          seen.push(...idsOf(page.items));
          cursor = page.next_cursor;
        }
        expect(seen).toEqual([...ids].reverse().slice(0, 8));
      });

      it('rejects a cursor it did not issue', async () => {
        await store.append(newSessionId(), [message('x')]);
        const forged = Buffer.from(JSON.stringify({ offset: 5 })).toString('base64url');
        for (const cursor of ['garbage!!', 'bm90IGpzb24', forged, 'x'.repeat(5000), '']) {
          await expect(store.listSessions({ limit: 10, cursor })).rejects.toMatchObject({ code: 'invalid_input' });
        }
      });

      it('returns an empty last page with a null cursor when there is nothing to list', async () => {
        const page = await store.listSessions({ limit: 10 });
        expect(page.next_cursor).toBeNull();
      });
    });

    describe('soft delete and purge', () => {
      it('hides a soft-deleted session from load and list, and refuses appends to it', async () => {
        const kept = newSessionId();
        const deleted = newSessionId();
        await store.append(kept, [message('keep me')]);
        await store.append(deleted, [message('forget me')]);

        expect(await store.softDelete(deleted)).toBe(true);
        expect(await store.load(deleted)).toBeNull();
        const listed = idsOf((await store.listSessions({ limit: 100 })).items);
        expect(listed).toContain(kept);
        expect(listed).not.toContain(deleted);
        await expect(store.append(deleted, [message('again')])).rejects.toMatchObject({ code: 'conflict' });
        expect(await store.softDelete(deleted)).toBe(false);
        expect(await store.load(kept)).not.toBeNull();
      });

      it('answers false when soft-deleting a session that does not exist', async () => {
        expect(await store.softDelete(newSessionId())).toBe(false);
      });

      it('purges a session idempotently, after which its id starts afresh', async () => {
        const id = newSessionId();
        await store.append(id, [message('old', { seconds: 1 })], { metadata: { secret: 'x' } });
        await store.softDelete(id);

        // A soft-deleted session is still there to purge; afterwards there is nothing.
        expect(await store.purge(id)).toBe(true);
        expect(await store.purge(id)).toBe(false);
        expect(await store.purge(newSessionId())).toBe(false);
        expect(await store.load(id)).toBeNull();
        expect(idsOf((await store.listSessions({ limit: 100 })).items)).not.toContain(id);
        expect(await store.softDelete(id)).toBe(false);

        const [fresh] = await store.append(id, [message('new', { seconds: 50 })]);
        expect(fresh?.seq).toBe(1);
        const reloaded = await store.load(id);
        expect(reloaded?.session).toEqual({
          session_id: id,
          created_at: at(50),
          last_updated: at(50),
          message_count: 1,
          metadata: {},
        });
        expect(reloaded?.messages.map((m) => m.content)).toEqual(['new']);
      });
    });
  });
}
