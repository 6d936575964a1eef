import { readdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  type Conversation,
  isSessionId,
  type Message,
  type MessageRating,
  type Metadata,
  type NewMessage,
  type Page,
  parseSessionId,
  type SessionId,
  type SessionSummary,
} from '../../domain/conversation/conversation.js';
import { decodeSessionCursor } from '../../domain/conversation/cursor.js';
import {
  assignSeqs,
  checkLoadOptions,
  checkNewMessages,
  latestTimestamp,
  mergeMetadata,
  paginateSessions,
  windowMessages,
} from '../../domain/conversation/store-rules.js';
import { Conflict, NotFound } from '../../domain/errors.js';
import type { RatedAnswer, RatedAnswerQuery } from '../../domain/feedback/feedback.js';
import { decodeRatingCursor } from '../../domain/feedback/rating-cursor.js';
import type { Clock } from '../../ports/clock.js';
import type { AppendOptions, ConversationStore, LoadOptions, PageRequest } from '../../ports/conversation-store.js';
import type { FeedbackStore } from '../../ports/feedback-store.js';
import { SystemClock } from '../system/system-clock.js';
import { AppendFiles } from './append-files.js';
import { BoundedCache } from './bounded-cache.js';
import { DeferredWrites } from './deferred-writes.js';
import { FsFeedback } from './fs-feedback.js';
import { readFirstLines } from './head-read.js';
import { encodeMessages, scanMessages } from './jsonl.js';
import { checkOwnFolder, ownFolder } from './own-folder.js';
import { RecentMessages } from './recent-messages.js';
import {
  type FileIdentity,
  fileExists,
  fileIdentityNow,
  isMissing,
  readMeta,
  type SessionFiles,
  type SessionMeta,
  sessionFiles,
  storeUnavailable,
  writeMetaAtomically,
} from './session-files.js';
import { KeyedMutex } from './session-lock.js';
import { readSingleLink } from './single-link-file.js';
import { readLastLines } from './tail-read.js';

export interface FsConversationStoreOptions {
  /** Everything the store writes lives under `<dataDir>/sessions/`. */
  readonly dataDir: string;
  /** Sessions whose state is kept in memory after first use. Default 1000. */
  readonly maxCachedSessions?: number;
  /** Stamps deleted_at. Default: the system clock. */
  readonly clock?: Clock;
  /**
   * How long an append may leave the meta file stale (default 1000 ms). Replacing a file
   * by rename costs ~1 ms on ext4, more than the append itself; the JSONL stays the
   * truth, so a lost meta write only costs one rescan after a restart.
   */
  readonly metaDelayMs?: number;
  /**
   * Retention: a session untouched for this many days reads as gone, is started afresh by
   * the next append, and is deleted by a sweep (hourly, and once shortly after start).
   */
  readonly ttlDays?: number;
  /** Append descriptors kept open for active sessions (closed after 30 s idle). Default 256. */
  readonly maxOpenFiles?: number;
  /** Characters of the newest messages kept in memory for active sessions. Default 8,000,000. */
  readonly recentMessageChars?: number;
}

/** What append needs to know about a session without reading its JSONL again. */
interface SessionState {
  readonly lastSeq: number;
  readonly messageCount: number;
  /** undefined while the JSONL holds no complete message. */
  readonly createdAt: string | undefined;
  readonly lastUpdated: string | undefined;
  readonly metadata: Metadata;
  readonly deletedAt: string | null;
  /** Length of the JSONL's complete-line prefix; reads stop there. */
  readonly validBytes: number;
  /** The JSONL ends in a torn line past validBytes, to cut off before appending. */
  readonly torn: boolean;
  /** The JSONL as this process last wrote or read it: a file changed by anyone else is read afresh. */
  readonly file: KnownFile;
}

/** Which file (inode) the JSONL path named, and how long it was. */
type KnownFile = Pick<FileIdentity, 'ino' | 'size'>;

// Matches no file: the next touch reads the session again.
const GONE: KnownFile = { ino: -1, size: -1 };

type VisibleState = SessionState & { readonly createdAt: string; readonly lastUpdated: string };

const LIST_CONCURRENCY = 16;

/**
 * ConversationStore on the local filesystem: one append-only JSONL file per session
 * plus a small meta file replaced atomically. Appends cost the same at message 10 and
 * message 10,000 because per-session state is cached after the first touch.
 *
 * One process owns a data dir: the per-session lock serialises writers inside this
 * process only, and two processes (or two instances) appending to the same session
 * can interleave seqs. Scale out with the DynamoDB store instead.
 */
export class FsConversationStore implements ConversationStore, FeedbackStore {
  private readonly sessionsDir: string;
  private readonly feedback: FsFeedback;
  private readonly clock: Clock;
  private readonly locks = new KeyedMutex();
  private readonly cache: BoundedCache<SessionId, SessionState>;
  private readonly metaWrites: DeferredWrites<SessionId>;
  private readonly ttlMs: number | undefined;
  // Per-turn costs: an append is one write(2) on a kept descriptor, and a chat's history read
  // comes from memory (ADR 0001, docs/benchmarks.md).
  private readonly appendFiles: AppendFiles;
  private readonly recent: RecentMessages;
  private sweepTimers: NodeJS.Timeout[] = [];

  constructor(options: FsConversationStoreOptions) {
    this.sessionsDir = resolve(options.dataDir, 'sessions');
    this.feedback = new FsFeedback(this.sessionsDir);
    this.clock = options.clock ?? new SystemClock();
    this.cache = new BoundedCache(options.maxCachedSessions ?? 1000);
    this.metaWrites = new DeferredWrites(options.metaDelayMs ?? 1000, (id) => this.writeCachedMeta(id));
    this.appendFiles = new AppendFiles({ maxOpen: options.maxOpenFiles });
    this.recent = new RecentMessages({ maxChars: options.recentMessageChars });
    this.ttlMs = options.ttlDays === undefined ? undefined : options.ttlDays * 86_400_000;
    if (this.ttlMs !== undefined) {
      const sweep = () => void this.sweepExpired().catch(() => {});
      this.sweepTimers = [setTimeout(sweep, 1000), setInterval(sweep, 3_600_000)];
      // Retention must not keep a finished process alive.
      for (const timer of this.sweepTimers) timer.unref();
    }
  }

  async append(
    sessionId: SessionId,
    messages: readonly NewMessage[],
    options: AppendOptions = {},
  ): Promise<readonly Message[]> {
    const id = parseSessionId(sessionId);
    checkNewMessages(messages);
    return this.locks.run(id, async () => {
      const files = this.filesOf(id);
      let state = await this.stateOf(id, files);
      if (state && this.isExpired(state)) {
        await this.removeFiles(id, files);
        state = null;
      }
      if (state?.deletedAt) throw new Conflict('This conversation was deleted; start a new one.');
      const metadata = mergeMetadata(state?.metadata ?? {}, options.metadata);
      const appended = assignSeqs(messages, state?.lastSeq ?? 0);
      const bytes = encodeMessages(appended);
      try {
        if (state === null) await ownFolder(this.sessionsDir);
        // Through the kept descriptor, never by path: the file cut is the file appended to.
        else if (state.torn) this.appendFiles.truncate(id, files.jsonl, state.validBytes);
        this.appendFiles.append(id, files.jsonl, bytes);
      } catch (error) {
        // The file may now end in a partial line; the next touch rescans and repairs it.
        this.cache.delete(id);
        this.recent.delete(id);
        throw storeUnavailable(error);
      }
      // Parsed back from the bytes written, so memory holds exactly what a read would return.
      this.recent.appended(id, scanMessages(bytes).messages, state === null);
      const next: SessionState = {
        lastSeq: (state?.lastSeq ?? 0) + appended.length,
        messageCount: (state?.messageCount ?? 0) + appended.length,
        createdAt: state?.createdAt ?? (appended[0] as Message).timestamp,
        lastUpdated: latestTimestamp(state?.lastUpdated, appended),
        metadata,
        deletedAt: null,
        validBytes: (state?.validBytes ?? 0) + bytes.length,
        torn: false,
        // A new file's inode is read once; afterwards only this process appends to it.
        file: state ? { ino: state.file.ino, size: state.validBytes + bytes.length } : identityOrGone(files.jsonl),
      };
      this.cache.set(id, next);
      // New metadata is written at once: unlike counts, it cannot be rebuilt from the JSONL.
      if (options.metadata === undefined) this.metaWrites.schedule(id);
      else await this.writeCachedMeta(id, false);
      return appended;
    });
  }

  async load(sessionId: SessionId, options: LoadOptions = {}): Promise<Conversation | null> {
    const id = parseSessionId(sessionId);
    const window = checkLoadOptions(options);
    // Under the lock so the summary, the messages and the ratings describe the same moment.
    return this.locks.run(id, async () => {
      const files = this.filesOf(id);
      const state = await this.stateOf(id, files);
      if (!isVisible(state) || this.isExpired(state)) return null;
      // The newest messages of an active session come from memory, exactly as the file holds them.
      let messages =
        window.from === 'oldest' ? undefined : this.recent.newest(id, window.from === 'all' ? undefined : window.count);
      if (!messages) {
        let bytes: Buffer | null;
        try {
          bytes =
            window.from === 'all'
              ? ((await readSingleLink(files.jsonl))?.subarray(0, state.validBytes) ?? null)
              : window.from === 'newest'
                ? await readLastLines(files.jsonl, state.validBytes, window.count)
                : await readFirstLines(files.jsonl, state.validBytes, window.count);
        } catch (error) {
          if (!isMissing(error)) throw storeUnavailable(error);
          bytes = null;
        }
        if (bytes === null) {
          this.cache.delete(id);
          return null;
        }
        const scanned = scanMessages(bytes).messages;
        if (window.from !== 'oldest') this.recent.remember(id, scanned, state.messageCount);
        messages = windowMessages(scanned, window);
      }
      const ratings = await this.feedback.ratingsOf(id);
      return {
        session: toSummary(id, state),
        messages,
        ...(ratings.length > 0 ? { ratings } : {}),
      };
    });
  }

  async listSessions(page: PageRequest): Promise<Page<SessionSummary>> {
    // Fail on a bad cursor before touching the disk.
    if (page.cursor !== undefined) decodeSessionCursor(page.cursor);
    const ids = await this.sessionIds();
    const summaries: SessionSummary[] = [];
    await forEachLimited(ids, LIST_CONCURRENCY, async (id) => {
      const state = this.cache.get(id) ?? (await this.locks.run(id, () => this.stateOf(id, this.filesOf(id))));
      if (isVisible(state) && !this.isExpired(state)) summaries.push(toSummary(id, state));
    });
    return paginateSessions(summaries, page);
  }

  async softDelete(sessionId: SessionId): Promise<boolean> {
    const id = parseSessionId(sessionId);
    return this.locks.run(id, async () => {
      const files = this.filesOf(id);
      const state = await this.stateOf(id, files);
      if (!isVisible(state) || this.isExpired(state)) return false;
      const next: SessionState = { ...state, deletedAt: this.clock.now().toISOString() };
      this.metaWrites.cancel(id);
      await writeMetaAtomically(files, toMeta(id, next));
      this.cache.set(id, next);
      await this.feedback.hide(id);
      return true;
    });
  }

  async purge(sessionId: SessionId): Promise<boolean> {
    const id = parseSessionId(sessionId);
    return this.locks.run(id, async () => {
      const files = this.filesOf(id);
      const existed = (await Promise.all([files.jsonl, files.meta].map(fileExists))).some(Boolean);
      await this.removeFiles(id, files);
      return existed;
    });
  }

  async rate(sessionId: SessionId, rated: Omit<RatedAnswer, 'session_id'>): Promise<MessageRating | null> {
    const id = parseSessionId(sessionId);
    // Under the session's lock, so a purge either runs first (NotFound) or removes this rating too.
    return this.locks.run(id, async () => {
      const state = await this.stateOf(id, this.filesOf(id));
      if (!isVisible(state) || this.isExpired(state)) throw new NotFound('No conversation with this session id');
      if (!Number.isSafeInteger(rated.seq) || rated.seq < 1 || rated.seq > state.lastSeq) {
        throw new NotFound('No message with this seq');
      }
      return this.feedback.write(id, rated);
    });
  }

  async ratedAnswers(query: RatedAnswerQuery): Promise<Page<RatedAnswer>> {
    if (query.cursor !== undefined) decodeRatingCursor(query.cursor);
    return this.feedback.list(query, (id) =>
      this.locks.run(id, async () => {
        const state = await this.stateOf(id, this.filesOf(id));
        return isVisible(state) && !this.isExpired(state);
      }),
    );
  }

  /** Removes every rating of the session; purge (and retention) call it before the messages go. */
  async removeFeedback(sessionId: SessionId): Promise<void> {
    const id = parseSessionId(sessionId);
    await this.locks.run(id, () => this.feedback.remove(id));
  }

  /** Deletes every session past its retention. Returns how many it deleted. */
  async sweepExpired(): Promise<number> {
    if (this.ttlMs === undefined) return 0;
    let removed = 0;
    for (const id of await this.sessionIds()) {
      await this.locks.run(id, async () => {
        const files = this.filesOf(id);
        // A session that cannot be read (a link planted at its name...) has no age to judge: it
        // is skipped, and the sweep goes on to the others.
        const state = await this.stateOf(id, files).catch(() => null);
        if (state && this.isExpired(state)) {
          await this.removeFiles(id, files);
          removed++;
        }
      });
    }
    return removed;
  }

  private isExpired(state: SessionState): boolean {
    if (this.ttlMs === undefined || state.lastUpdated === undefined) return false;
    return Date.parse(state.lastUpdated) + this.ttlMs <= this.clock.now().getTime();
  }

  /** Call with the session's lock held. */
  private async removeFiles(id: SessionId, files: SessionFiles): Promise<void> {
    this.metaWrites.cancel(id);
    this.appendFiles.close(id);
    this.recent.delete(id);
    // Ratings first: a crash after this leaves a conversation without ratings, never ratings
    // that a later conversation under the same id would inherit.
    await this.feedback.remove(id);
    try {
      // JSONL first: a crash after it leaves a meta file without messages, which reads
      // as "no session"; the other order could bring a purged conversation back.
      for (const path of [files.jsonl, files.meta, files.metaTmp]) await rm(path, { force: true });
    } catch (error) {
      throw storeUnavailable(error);
    } finally {
      this.cache.delete(id);
    }
  }

  /** Writes the meta files that appends left pending; call before the process exits. */
  async close(): Promise<void> {
    for (const timer of this.sweepTimers) clearTimeout(timer);
    await this.metaWrites.flush();
    this.appendFiles.closeAll();
  }

  /**
   * Replaces the meta file with the cached state. A failed write is not an error for the
   * caller: the messages are durable in the JSONL, and a stale meta is caught by its
   * size check after a restart. Only a metadata merge could be lost with it.
   */
  private async writeCachedMeta(id: SessionId, lock = true): Promise<void> {
    const write = async () => {
      const state = this.cache.get(id);
      // Written a moment after the turn: sessions/ may have been swapped for a link meanwhile, and
      // the temp file and rename would follow it. The meta is derived (the JSONL holds the messages).
      if (state)
        await checkOwnFolder(this.sessionsDir)
          .then(() => writeMetaAtomically(this.filesOf(id), toMeta(id, state)))
          .catch(() => {});
    };
    await (lock ? this.locks.run(id, write) : write());
  }

  /** Streams every visible conversation, reading a few sessions ahead; memory stays bounded by that window. */
  async *conversations(): AsyncIterable<Conversation> {
    const ids = await this.sessionIds();
    const ahead: Promise<Conversation | null>[] = [];
    let next = 0;
    while (next < ids.length || ahead.length > 0) {
      while (ahead.length < LIST_CONCURRENCY && next < ids.length) {
        const loading = this.load(ids[next++] as SessionId);
        // Awaited in turn below; one read ahead that fails before its turn (or after the reader
        // stopped) must not be an unhandled rejection: Node would end the whole server.
        loading.catch(() => {});
        ahead.push(loading);
      }
      const conversation = await (ahead.shift() as Promise<Conversation | null>);
      if (conversation) yield conversation;
    }
  }

  private filesOf(id: SessionId): SessionFiles {
    return sessionFiles(this.sessionsDir, id);
  }

  private async sessionIds(): Promise<SessionId[]> {
    let names: string[];
    try {
      names = await readdir(this.sessionsDir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw storeUnavailable(error);
    }
    const ids: SessionId[] = [];
    for (const name of names) {
      const id = name.endsWith('.jsonl') ? name.slice(0, -'.jsonl'.length) : '';
      if (isSessionId(id)) ids.push(id);
    }
    return ids;
  }

  private forget(id: SessionId): void {
    this.cache.delete(id);
    this.recent.delete(id);
    this.appendFiles.close(id);
  }

  /** Cached state, or the state read from disk. Call with the session's lock held. */
  private async stateOf(id: SessionId, files: SessionFiles): Promise<SessionState | null> {
    const cached = this.cache.get(id);
    if (cached) {
      let now: ReturnType<typeof fileIdentityNow>;
      try {
        now = fileIdentityNow(files.jsonl);
      } catch (error) {
        // A link or hard link now at the name: the kept descriptor must not write on, nor memory serve.
        this.forget(id);
        throw error;
      }
      if (now && now.ino === cached.file.ino && now.size === cached.file.size) return cached;
      // Changed behind this process's back (an editor's rename-and-replace, a restore from a
      // backup, a deletion): the kept descriptor would append to a file no longer named, and
      // memory would serve the old text. Forget both and read the file as it is now.
      this.forget(id);
    }
    // A sessions/ folder swapped for a link would carry every session file elsewhere.
    await checkOwnFolder(this.sessionsDir).catch((error: unknown) => {
      throw storeUnavailable(error);
    });
    const state = await readState(id, files);
    if (state) this.cache.set(id, state);
    return state;
  }
}

/**
 * null when the JSONL does not exist: a meta file alone (a purge cut short) is no session.
 * The meta is trusted only when the JSONL is exactly as long as it was when the meta was
 * written; otherwise the JSONL is scanned once and wins.
 */
async function readState(id: SessionId, files: SessionFiles): Promise<SessionState | null> {
  // Checked first and synchronously (a stat is ~2 µs, a thread-pool round trip far more): a new
  // session's first append then costs no read at all.
  const file = fileIdentityNow(files.jsonl);
  if (file === null) return null;
  const { size } = file;
  const meta = await readMeta(files.meta, id);
  if (meta !== null && meta.jsonl_bytes === size) {
    return {
      lastSeq: meta.last_seq,
      messageCount: meta.message_count,
      createdAt: meta.message_count > 0 ? meta.created_at : undefined,
      lastUpdated: meta.message_count > 0 ? meta.last_updated : undefined,
      metadata: meta.metadata,
      deletedAt: meta.deleted_at,
      validBytes: size,
      torn: false,
      file,
    };
  }
  let bytes: Buffer | null;
  try {
    // A link or hard link swapped in since the lstat above is refused here, never read.
    bytes = await readSingleLink(files.jsonl);
  } catch (error) {
    throw storeUnavailable(error);
  }
  if (bytes === null) return null;
  const { messages, validBytes } = scanMessages(bytes);
  return {
    lastSeq: messages.reduce((max, m) => Math.max(max, m.seq), 0),
    messageCount: messages.length,
    createdAt: messages[0]?.timestamp,
    lastUpdated: messages.length > 0 ? latestTimestamp(undefined, messages) : undefined,
    // Metadata and the deletion mark live only in the meta file, so they survive from it
    // even when its counts are stale; a lost meta file loses them.
    metadata: meta?.metadata ?? {},
    deletedAt: meta?.deleted_at ?? null,
    validBytes,
    torn: validBytes < bytes.length,
    file: { ino: file.ino, size: bytes.length },
  };
}

/**
 * The new JSONL's identity, read once after its first append. The message is on disk by now, so
 * a file changed meanwhile (a second name linked to it) fails the next touch, not this append.
 */
function identityOrGone(jsonl: string): KnownFile {
  try {
    return fileIdentityNow(jsonl) ?? GONE;
  } catch {
    return GONE;
  }
}

/** A session a reader may see: it has at least one message and is not soft-deleted. */
function isVisible(state: SessionState | null | undefined): state is VisibleState {
  return (
    state !== null &&
    state !== undefined &&
    state.messageCount > 0 &&
    state.deletedAt === null &&
    state.createdAt !== undefined &&
    state.lastUpdated !== undefined
  );
}

function toSummary(id: SessionId, state: VisibleState): SessionSummary {
  return {
    session_id: id,
    created_at: state.createdAt,
    last_updated: state.lastUpdated,
    message_count: state.messageCount,
    metadata: structuredClone(state.metadata) as Metadata,
  };
}

function toMeta(id: SessionId, state: SessionState): SessionMeta {
  return {
    session_id: id,
    created_at: state.createdAt ?? '',
    last_updated: state.lastUpdated ?? '',
    message_count: state.messageCount,
    metadata: state.metadata,
    deleted_at: state.deletedAt,
    last_seq: state.lastSeq,
    jsonl_bytes: state.validBytes,
  };
}

/** Bounds open files when listing thousands of sessions that are not cached yet. */
async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
