import { fc } from '@fast-check/vitest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { answerIdFor, type StoredAnswer, storedAnswer } from '../../src/domain/knowledge/owner-answers.js';
import type { AnswerBook } from '../../src/ports/answer-book.js';

export interface AnswerBookFixture {
  readonly book: AnswerBook;
  /** A second handle on the same storage, as another process would have (same book when there is none). */
  readonly other: AnswerBook;
  close(): Promise<void>;
}

const byId = (answers: readonly StoredAnswer[]) => [...answers].sort((a, b) => (a.id < b.id ? -1 : 1));

/** One suite for every AnswerBook: memory, answers.md on disk, DynamoDB on dynalite and on moto. */
export function answerBookContract(name: string, make: () => Promise<AnswerBookFixture>): void {
  describe(`${name} honours AnswerBook`, () => {
    let f: AnswerBookFixture;
    beforeEach(async () => {
      f = await make();
    });
    afterEach(async () => {
      await f.close();
    });

    it('starts empty, keeps what it is given, and names each answer by its question', async () => {
      expect(await f.book.list()).toEqual([]);
      const cat = storedAnswer('Do you have a cat?', 'Yes: a grey cat called Tensor.');
      const ski = storedAnswer('Do you ski?', 'Badly, and only in the Alps.');
      expect(await f.book.put(cat)).toEqual(cat);
      await f.book.put(ski);
      expect(cat.id).toBe(answerIdFor('do you have a cat'));
      expect(byId(await f.other.list())).toEqual(byId([cat, ski]));
      expect(await f.other.get(ski.id)).toEqual(ski);
      expect(await f.other.get(answerIdFor('never answered'))).toBeNull();
    });

    it('gives a question that reads the same one answer: a second put replaces the first', async () => {
      await f.book.put(storedAnswer('Do you have a cat?', 'No.'));
      const again = storedAnswer('  do you have a CAT ', 'Yes, since May.');
      await f.book.put(again);
      expect(await f.other.list()).toEqual([again]);
    });

    it('edits the text under the same id, and a new question under a new id', async () => {
      const cat = await f.book.put(storedAnswer('Do you have a cat?', 'Yes.'));
      const dog = await f.book.put(storedAnswer('Do you have a dog?', 'No.'));
      const text = await f.book.update(cat.id, { answer: 'Yes: Tensor, a grey cat.' });
      expect(text).toEqual({ ...cat, answer: 'Yes: Tensor, a grey cat.' });
      const moved = await f.book.update(cat.id, { question: 'Do you have pets?' });
      expect(moved).toEqual({
        id: answerIdFor('Do you have pets?'),
        question: 'Do you have pets?',
        answer: text?.answer,
      });
      expect(await f.other.get(cat.id)).toBeNull();
      expect(byId(await f.other.list())).toEqual(byId([dog, moved as StoredAnswer]));
    });

    it('refuses to move an answer onto a question another answer has, and changes nothing', async () => {
      const cat = await f.book.put(storedAnswer('Do you have a cat?', 'Yes.'));
      const dog = await f.book.put(storedAnswer('Do you have a dog?', 'No.'));
      const error = await f.book.update(cat.id, { question: 'Do you have a DOG' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('conflict');
      expect(byId(await f.other.list())).toEqual(byId([cat, dog]));
    });

    it('deletes, and reports an id it does not have', async () => {
      const cat = await f.book.put(storedAnswer('Do you have a cat?', 'Yes.'));
      const missing = answerIdFor('never answered');
      expect(await f.book.update(missing, { answer: 'x' })).toBeNull();
      expect(await f.book.delete(missing)).toBe(false);
      expect(await f.book.delete(cat.id)).toBe(true);
      expect(await f.book.delete(cat.id)).toBe(false);
      expect(await f.other.list()).toEqual([]);
    });

    it('changes its version on every write, seen through any handle, and only then', async () => {
      const seen = [await f.other.version()];
      const cat = await f.book.put(storedAnswer('Do you have a cat?', 'Yes.'));
      seen.push(await f.other.version());
      expect(await f.other.version()).toBe(seen.at(-1));
      await f.book.update(cat.id, { answer: 'Yes, Tensor.' });
      seen.push(await f.other.version());
      const moved = await f.book.update(cat.id, { question: 'Any pets?' });
      seen.push(await f.other.version());
      await f.book.delete(moved?.id ?? cat.id);
      seen.push(await f.other.version());
      expect(new Set(seen).size).toBe(seen.length);
      // Failed writes are not changes.
      await f.book.delete(cat.id);
      expect(await f.other.version()).toBe(seen.at(-1));
    });

    it('round-trips any unicode answer and question text exactly', async () => {
      const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 });
      await fc.assert(
        fc.asyncProperty(text, fc.array(text, { minLength: 1, maxLength: 4 }), async (question, lines) => {
          const answer = [...lines, '## not a heading', '\\## escaped already'].join('\n');
          let entry: StoredAnswer;
          try {
            entry = storedAnswer(question, answer);
          } catch {
            return; // blank or markup-only questions are refused before any store sees them
          }
          await f.book.put(entry);
          expect(await f.other.get(entry.id)).toEqual(entry);
          expect((await f.other.list()).find((a) => a.id === entry.id)).toEqual(entry);
        }),
        { numRuns: 20 },
      );
    }, 60_000);
  });
}
