import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { InMemoryAnswerBook } from '../../src/adapters/memory/in-memory-answer-book.js';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { StaticPersonaSource } from '../../src/adapters/memory/static-persona-source.js';
import { AnsweredPersonaSource } from '../../src/adapters/system/answered-persona-source.js';
import { StoreUnavailable } from '../../src/domain/errors.js';
import { parseOwnerAnswers, storedAnswer } from '../../src/domain/knowledge/owner-answers.js';
import type { AnswerBook } from '../../src/ports/answer-book.js';
import { testPersona } from '../support/personas.js';

/** The in-memory book, counting the reads a refresh makes and failing on demand. */
class CountingBook extends InMemoryAnswerBook implements AnswerBook {
  versionReads = 0;
  listReads = 0;
  failing = false;

  override async version(): Promise<string> {
    this.versionReads += 1;
    if (this.failing) throw new StoreUnavailable('table unreachable');
    return super.version();
  }

  override async list() {
    this.listReads += 1;
    return super.list();
  }
}

function setup(refreshMs = 5000) {
  const clock = new FixedClock('2026-03-04T05:06:07.000Z');
  const book = new CountingBook();
  const folder = new StaticPersonaSource(
    testPersona({
      documents: [
        ...testPersona().documents,
        { source: 'answers.md', kind: 'knowledge', text: '## Stale question\n\nFrom the folder.' },
      ],
    }),
  );
  const logger = new RecordingLogger();
  const source = new AnsweredPersonaSource({ persona: folder, answers: book, clock, refreshMs, logger });
  // Another process writing to the same store: no invalidate() reaches this source.
  return { clock, book, folder, logger, source };
}

const answersIn = async (source: AnsweredPersonaSource) => {
  const doc = (await source.load()).documents.find((d) => d.source === 'answers.md');
  return doc ? parseOwnerAnswers(doc.text) : [];
};

describe('AnsweredPersonaSource', () => {
  it("replaces the folder's answers.md with the stored answers", async () => {
    const { book, source } = setup();
    expect(await answersIn(source)).toEqual([]);
    await book.put(storedAnswer('Do you have a cat?', 'Yes, Tensor.'));
    source.invalidate();
    expect(await answersIn(source)).toEqual([{ question: 'Do you have a cat?', answer: 'Yes, Tensor.' }]);
  });

  it('reads the version at most once per interval, and lists only after a change', async () => {
    const { clock, book, source } = setup(5000);
    const first = await source.load();
    expect([book.versionReads, book.listReads]).toEqual([1, 1]);
    // A hundred messages within the interval: no read at all, the same persona object.
    for (let i = 0; i < 100; i++) expect(await source.load()).toBe(first);
    await Promise.all(Array.from({ length: 20 }, () => source.load()));
    expect([book.versionReads, book.listReads]).toEqual([1, 1]);

    // Written by another process: unseen until the interval has passed...
    await book.put(storedAnswer('Do you have a cat?', 'Yes, Tensor.'));
    clock.advance(4999);
    expect(await source.load()).toBe(first);
    // ...then one version read and one list, shared by concurrent loads.
    clock.advance(1);
    const loads = await Promise.all(Array.from({ length: 10 }, () => source.load()));
    expect(new Set(loads).size).toBe(1);
    expect(loads[0]).not.toBe(first);
    expect([book.versionReads, book.listReads]).toEqual([2, 2]);
    expect(await answersIn(source)).toHaveLength(1);

    // Unchanged version: one small read per interval, no list, the same persona.
    const second = loads[0];
    clock.advance(5000);
    expect(await source.load()).toBe(second);
    expect([book.versionReads, book.listReads]).toEqual([3, 2]);
  });

  it('sees edits and deletes from another process within the interval', async () => {
    const { clock, book, source } = setup(2000);
    const cat = await book.put(storedAnswer('Do you have a cat?', 'Yes.'));
    await source.load();
    await book.update(cat.id, { answer: 'Yes: a grey cat called Tensor.' });
    clock.advance(2000);
    expect(await answersIn(source)).toEqual([
      { question: 'Do you have a cat?', answer: 'Yes: a grey cat called Tensor.' },
    ]);
    await book.delete(cat.id);
    clock.advance(2000);
    expect(await answersIn(source)).toEqual([]);
  });

  it('checks on every load with a zero interval', async () => {
    const { book, source } = setup(0);
    await source.load();
    await source.load();
    await source.load();
    expect(book.versionReads).toBe(3);
    expect(book.listReads).toBe(1);
  });

  it('keeps answering from the answers it has when the store fails, and logs it', async () => {
    const { clock, book, logger, source } = setup(1000);
    await book.put(storedAnswer('Do you have a cat?', 'Yes.'));
    await source.load();
    book.failing = true;
    clock.advance(1000);
    expect(await answersIn(source)).toHaveLength(1);
    expect(
      logger.entries.some((e) => e.level === 'warn' && /answers could not be refreshed/.test(e.message ?? '')),
    ).toBe(true);
    // It does not hammer a failing store: the next try waits for the interval.
    const reads = book.versionReads;
    await source.load();
    expect(book.versionReads).toBe(reads);
    book.failing = false;
    await book.put(storedAnswer('Do you ski?', 'No.'));
    clock.advance(1000);
    expect(await answersIn(source)).toHaveLength(2);
  });

  it('never lets a check that started before a local write hide that write', async () => {
    const { book, source } = setup(60_000);
    await source.load();
    await book.put(storedAnswer('Do you have a cat?', 'Yes.'));
    // A slow check lists the answers (cat only), then stalls...
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const list = book.list.bind(book);
    book.list = async () => {
      const answers = await list();
      await gate;
      return answers;
    };
    source.invalidate();
    const slow = source.load();
    await expect.poll(() => book.listReads).toBe(2);
    book.list = list;
    // ...while the owner answers another question through this process.
    await book.put(storedAnswer('Do you ski?', 'No.'));
    source.invalidate();
    expect(await answersIn(source)).toHaveLength(2);
    release();
    await slow;
    // The stalled check's older list must not replace the newer one.
    expect(await answersIn(source)).toHaveLength(2);
  });

  it('gives the same answers the same version in every process, and a new one when they change', async () => {
    const a = setup();
    const b = setup();
    for (const { book } of [a, b]) await book.put(storedAnswer('Do you have a cat?', 'Yes.'));
    const [va, vb] = [(await a.source.load()).version, (await b.source.load()).version];
    expect(va).toBe(vb);
    await a.book.put(storedAnswer('Do you have a cat?', 'No.'));
    a.source.invalidate();
    expect((await a.source.load()).version).not.toBe(va);
  });
});
