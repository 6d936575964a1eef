import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  clampPageLimit,
  isSessionId,
  type MessageRating,
  type Page,
  parseSessionId,
  type SessionId,
} from '../../domain/conversation/conversation.js';
import {
  compareNewestRating,
  isRatingValue,
  type RatedAnswer,
  type RatedAnswerQuery,
  toMessageRating,
} from '../../domain/feedback/feedback.js';
import { decodeRatingCursor, encodeRatingCursor } from '../../domain/feedback/rating-cursor.js';
import { BoundedCache } from './bounded-cache.js';
import { replaceFile } from './replace-file.js';
import { isMissing, storeUnavailable } from './session-files.js';
import { KeyedMutex } from './session-lock.js';

const SUFFIX = '.feedback.json';
const SCAN_CONCURRENCY = 16;

type StoredRating = Omit<RatedAnswer, 'session_id'>;

interface IndexEntry {
  readonly session_id: SessionId;
  readonly seq: number;
  readonly rating: RatedAnswer['rating'];
  readonly rated_at: string;
}

/**
 * The ratings of each session in a small JSON file beside its JSONL (`<id>.feedback.json`),
 * replaced whole through a temp file and a rename: it holds at most one rating per answer,
 * so rewriting it stays cheap and repeated ratings never grow it. Listing across sessions
 * uses an index of (session, seq, rating, time) built on first use by reading these files
 * once; it lives in memory, like the rest of this store's state (one process owns the dir).
 */
export class FsFeedback {
  // Index updates and the one-time build run one after another, so none is lost.
  private readonly serial = new KeyedMutex();
  private index: Map<string, IndexEntry> | undefined;
  // Each session's ratings as last read or written (mostly none): a chat turn's history read
  // then costs no file read for them. Every write goes through this process (it owns the dir).
  private readonly known = new BoundedCache<SessionId, readonly StoredRating[]>(1000);

  constructor(private readonly sessionsDir: string) {}

  /** The session's ratings by seq. Call with the session's lock held. */
  async ratingsOf(id: SessionId): Promise<MessageRating[]> {
    return (await this.read(id)).map(toMessageRating);
  }

  /** Keeps `rated`, returning the rating it replaced. Call with the session's lock held, after checking the session. */
  async write(id: SessionId, rated: StoredRating): Promise<MessageRating | null> {
    const current = await this.read(id);
    const previous = current.find((r) => r.seq === rated.seq);
    const next = [...current.filter((r) => r.seq !== rated.seq), copyRating(rated)].sort((a, b) => a.seq - b.seq);
    const path = this.pathOf(id);
    try {
      await replaceFile(path, `${JSON.stringify({ session_id: id, ratings: next })}\n`);
    } catch (error) {
      this.known.delete(id);
      throw storeUnavailable(error);
    }
    this.known.set(id, next);
    await this.serial.run('index', async () => {
      this.index?.set(keyOf(id, rated.seq), {
        session_id: id,
        seq: rated.seq,
        rating: rated.rating,
        rated_at: rated.rated_at,
      });
    });
    return previous ? toMessageRating(previous) : null;
  }

  /** Removes every rating of the session from disk and from the index. Call with the session's lock held. */
  async remove(id: SessionId): Promise<void> {
    const path = this.pathOf(id);
    this.known.delete(id);
    try {
      for (const file of [path, `${path}.tmp`]) await rm(file, { force: true });
    } catch (error) {
      throw storeUnavailable(error);
    }
    await this.hide(id);
  }

  /** Takes the session's ratings out of listings (a soft delete); the file stays until purge. */
  async hide(id: SessionId): Promise<void> {
    await this.serial.run('index', async () => {
      if (!this.index) return;
      for (const [key, entry] of this.index) if (entry.session_id === id) this.index.delete(key);
    });
  }

  /** Newest first; `readable` says whether a session may be shown (it takes the session's lock). */
  async list(query: RatedAnswerQuery, readable: (id: SessionId) => Promise<boolean>): Promise<Page<RatedAnswer>> {
    const limit = clampPageLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeRatingCursor(query.cursor);
    const entries = (await this.entries())
      .filter((e) => e.rating === query.rating && (after === undefined || compareNewestRating(e, after) > 0))
      .sort(compareNewestRating);
    const items: RatedAnswer[] = [];
    const files = new Map<SessionId, StoredRating[]>();
    const gone: SessionId[] = [];
    for (let next = 0; next < entries.length && items.length <= limit; next++) {
      const entry = entries[next] as IndexEntry;
      if (!files.has(entry.session_id)) {
        const shown = await readable(entry.session_id);
        if (!shown) gone.push(entry.session_id);
        files.set(entry.session_id, shown ? await this.read(entry.session_id) : []);
      }
      const stored = files.get(entry.session_id)?.find((r) => r.seq === entry.seq && r.rating === query.rating);
      if (stored) items.push({ ...stored, session_id: entry.session_id });
    }
    // Sessions deleted or expired since the index was built are skipped once, then forgotten.
    for (const id of gone) await this.hide(id);
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return { items: page, next_cursor: items.length > limit && last ? encodeRatingCursor(last) : null };
  }

  private async entries(): Promise<IndexEntry[]> {
    return this.serial.run('index', async () => {
      this.index ??= await this.build();
      return [...this.index.values()];
    });
  }

  private async build(): Promise<Map<string, IndexEntry>> {
    let names: string[];
    try {
      names = await readdir(this.sessionsDir);
    } catch (error) {
      if (isMissing(error)) return new Map();
      throw storeUnavailable(error);
    }
    const ids = names.map((n) => (n.endsWith(SUFFIX) ? n.slice(0, -SUFFIX.length) : '')).filter(isSessionId);
    const index = new Map<string, IndexEntry>();
    for (let start = 0; start < ids.length; start += SCAN_CONCURRENCY) {
      const batch = ids.slice(start, start + SCAN_CONCURRENCY) as SessionId[];
      const read = await Promise.all(batch.map(async (id) => [id, await this.read(id)] as const));
      for (const [id, ratings] of read) {
        for (const r of ratings)
          index.set(keyOf(id, r.seq), { session_id: id, seq: r.seq, rating: r.rating, rated_at: r.rated_at });
      }
    }
    return index;
  }

  private async read(id: SessionId): Promise<StoredRating[]> {
    const known = this.known.get(id);
    if (known) return known.map(copyRating);
    const ratings = await this.readFromDisk(id);
    this.known.set(id, ratings.map(copyRating));
    return ratings;
  }

  private async readFromDisk(id: SessionId): Promise<StoredRating[]> {
    let text: string;
    try {
      text = await readFile(this.pathOf(id), 'utf8');
    } catch (error) {
      if (isMissing(error)) return [];
      throw storeUnavailable(error);
    }
    // The file is replaced by rename, so it is whole; anything unreadable is ignored, never fatal.
    try {
      const parsed = JSON.parse(text) as { session_id?: unknown; ratings?: unknown };
      if (parsed.session_id !== id || !Array.isArray(parsed.ratings)) return [];
      return parsed.ratings.filter(isStoredRating).map(copyRating);
    } catch {
      return [];
    }
  }

  // Parsed again here because this is where an id becomes a path.
  private pathOf(id: SessionId): string {
    return join(this.sessionsDir, `${parseSessionId(id)}${SUFFIX}`);
  }
}

function keyOf(id: SessionId, seq: number): string {
  return `${id}#${seq}`;
}

function copyRating(r: StoredRating): StoredRating {
  return {
    seq: r.seq,
    rating: r.rating,
    comment: r.comment,
    rated_at: r.rated_at,
    message_index: r.message_index,
    question: r.question,
    answer: r.answer,
    answered_at: r.answered_at,
    grounded: r.grounded,
    persona_version: r.persona_version,
  };
}

function isStoredRating(value: unknown): value is StoredRating {
  const r = value as Partial<StoredRating> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    Number.isSafeInteger(r.seq) &&
    isRatingValue(r.rating) &&
    (r.comment === null || typeof r.comment === 'string') &&
    typeof r.rated_at === 'string' &&
    Number.isSafeInteger(r.message_index) &&
    typeof r.question === 'string' &&
    typeof r.answer === 'string' &&
    typeof r.answered_at === 'string' &&
    (r.grounded === null || typeof r.grounded === 'boolean') &&
    (r.persona_version === null || typeof r.persona_version === 'string')
  );
}
