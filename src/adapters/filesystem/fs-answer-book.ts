import { join } from 'node:path';
import { Conflict, StoreUnavailable } from '../../domain/errors.js';
import {
  ANSWERS_FILE,
  ANSWERS_HEADER,
  type AnswerId,
  answerIdFor,
  answerSections,
  answersById,
  type OwnerAnswer,
  parseOwnerAnswers,
  renderOwnerAnswer,
  type StoredAnswer,
} from '../../domain/knowledge/owner-answers.js';
import { stableHash } from '../../domain/text/stable-hash.js';
import type { AnswerBook, AnswerChanges } from '../../ports/answer-book.js';
import { RefusedFile } from './confined-path.js';
import { withFileLock } from './file-lock.js';
import { appendOwned, readOwned, replaceOwned } from './owned-file.js';
import { KeyedMutex } from './session-lock.js';

export interface FsAnswerBookOptions {
  /** The persona folder; answers go to answers.md there, which FsPersonaSource reads as knowledge. */
  readonly dir: string;
}

/**
 * Replaces the sections answering `id` with `entry` (at the first one's place), or removes
 * them when `entry` is null. Every other line of the file stays as the owner wrote it.
 */
function rewriteSections(text: string, id: AnswerId, entry: OwnerAnswer | null): string {
  const lines = text.split('\n');
  const doomed = answerSections(text).filter((section) => answerIdFor(section.question) === id);
  const out: string[] = [];
  let next = 0;
  doomed.forEach((section, index) => {
    out.push(...lines.slice(next, section.start));
    // renderOwnerAnswer starts with the blank line that the previous section already ends with.
    if (entry && index === 0) out.push(...renderOwnerAnswer(entry).slice(1).split('\n'));
    next = section.end;
  });
  out.push(...lines.slice(next));
  return out.join('\n');
}

/**
 * The owner's answers in `<persona>/answers.md`: a plain Markdown file the owner can
 * read, edit or commit with the rest of the persona, and which FsPersonaSource reads as
 * knowledge. A new question is appended; an edit or delete rewrites the file through a
 * temp file and a rename, touching only that question's section. Writes are serialised
 * in this process and, through a lock file, with other processes on the same folder.
 * answers.md must be a regular file of its own: a symbolic link (anywhere), a hard link or a
 * FIFO there is refused with Conflict (409) and neither read nor written (see owned-file.ts).
 */
export class FsAnswerBook implements AnswerBook {
  private readonly file: string;
  private readonly lock: string;
  private readonly mutex = new KeyedMutex();

  constructor(options: FsAnswerBookOptions) {
    this.file = join(options.dir, ANSWERS_FILE);
    this.lock = join(options.dir, `.${ANSWERS_FILE}.lock`);
  }

  // The server and a `twin gaps|answers` command may write at once: the lock file (a dotfile,
  // which the persona ignores) makes processes take turns; each change re-reads the file under it.
  private locked<T>(change: () => Promise<T>): Promise<T> {
    return this.mutex.run('answers', () => withFileLock(this.lock, change));
  }

  put(entry: StoredAnswer): Promise<StoredAnswer> {
    return this.locked(async () => {
      const current = await this.guard(() => readOwned(this.file));
      const existing = current?.text ?? null;
      const stored = { id: entry.id, question: entry.question, answer: entry.answer };
      if (existing !== null && this.find(existing, entry.id)) {
        await this.write(rewriteSections(existing, entry.id, stored));
        return stored;
      }
      const prefix = existing === null ? ANSWERS_HEADER : existing.endsWith('\n') ? '' : '\n';
      // Appended through a handle proven to be the file just read: nothing else is written.
      await this.guard(() => appendOwned(this.file, current?.owned ?? null, `${prefix}${renderOwnerAnswer(stored)}`));
      return stored;
    });
  }

  async list(): Promise<readonly StoredAnswer[]> {
    const text = await this.read();
    return text === null ? [] : answersById(parseOwnerAnswers(text));
  }

  async get(id: AnswerId): Promise<StoredAnswer | null> {
    const text = await this.read();
    return text === null ? null : this.find(text, id);
  }

  update(id: AnswerId, changes: AnswerChanges): Promise<StoredAnswer | null> {
    return this.locked(async () => {
      const text = await this.read();
      const current = text === null ? null : this.find(text, id);
      if (text === null || !current) return null;
      const question = changes.question ?? current.question;
      const next: StoredAnswer = { id: answerIdFor(question), question, answer: changes.answer ?? current.answer };
      if (next.id !== id && this.find(text, next.id)) {
        throw new Conflict('Another answer already has this question; edit or delete that one');
      }
      await this.write(rewriteSections(text, id, next));
      return next;
    });
  }

  delete(id: AnswerId): Promise<boolean> {
    return this.locked(async () => {
      const text = await this.read();
      if (text === null || !this.find(text, id)) return false;
      await this.write(rewriteSections(text, id, null));
      return true;
    });
  }

  /** A hash of the file's content: any change to it, by the twin or by hand, is a new version. */
  async version(): Promise<string> {
    const text = await this.read();
    return text === null ? 'none' : stableHash(text);
  }

  private find(text: string, id: AnswerId): StoredAnswer | null {
    return answersById(parseOwnerAnswers(text)).find((entry) => entry.id === id) ?? null;
  }

  private read(): Promise<string | null> {
    return this.guard(async () => (await readOwned(this.file))?.text ?? null);
  }

  // A crash leaves the old file or the new one, never half of one. The temp name is a
  // dotfile, which the persona source never reads.
  private write(text: string): Promise<void> {
    return this.guard(() => replaceOwned(this.file, text));
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      // The owner's to fix, and no retry helps: a clear 409, never a silent write elsewhere.
      if (error instanceof RefusedFile) {
        throw new Conflict(
          `${ANSWERS_FILE} in the persona folder ${error.reason}; it is neither read nor written: replace it with a regular file of its own`,
        );
      }
      throw new StoreUnavailable(`${ANSWERS_FILE} could not be read or written in the persona folder`, {
        cause: error,
      });
    }
  }
}
