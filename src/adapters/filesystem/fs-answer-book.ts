import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreUnavailable } from '../../domain/errors.js';
import {
  ANSWERS_FILE,
  ANSWERS_HEADER,
  type OwnerAnswer,
  renderOwnerAnswer,
} from '../../domain/knowledge/owner-answers.js';
import type { AnswerBook } from '../../ports/answer-book.js';
import { withFileLock } from './file-lock.js';
import { KeyedMutex } from './session-lock.js';

export interface FsAnswerBookOptions {
  /** The persona folder; answers go to answers.md there, which FsPersonaSource reads as knowledge. */
  readonly dir: string;
}

/**
 * Appends the owner's answers to `<persona>/answers.md`: a plain Markdown file the
 * owner can read, edit or commit with the rest of the persona. The server and a `twin gaps
 * answer` command may write at once: a lock file (a dotfile, which the persona ignores)
 * makes them take turns, so no answer is lost and the header is written once.
 */
export class FsAnswerBook implements AnswerBook {
  private readonly file: string;
  private readonly lock: string;
  private readonly mutex = new KeyedMutex();

  constructor(options: FsAnswerBookOptions) {
    this.file = join(options.dir, ANSWERS_FILE);
    this.lock = join(options.dir, `.${ANSWERS_FILE}.lock`);
  }

  add(entry: OwnerAnswer): Promise<void> {
    return this.mutex.run('answers', () => withFileLock(this.lock, () => this.append(entry)));
  }

  private async append(entry: OwnerAnswer): Promise<void> {
    try {
      const existing = await readFile(this.file, 'utf8').catch((error: unknown) => {
        if ((error as { code?: unknown }).code === 'ENOENT') return null;
        throw error;
      });
      const prefix = existing === null ? ANSWERS_HEADER : existing.endsWith('\n') ? '' : '\n';
      await appendFile(this.file, `${prefix}${renderOwnerAnswer(entry)}`, 'utf8');
    } catch (error) {
      throw new StoreUnavailable(`${ANSWERS_FILE} could not be written in the persona folder`, { cause: error });
    }
  }
}
