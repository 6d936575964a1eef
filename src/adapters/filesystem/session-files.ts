import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Metadata, parseSessionId, type SessionId } from '../../domain/conversation/conversation.js';
import { type DomainError, isDomainError, StoreUnavailable } from '../../domain/errors.js';
import { replaceFile } from './replace-file.js';

export interface SessionFiles {
  /** Append-only, one message per line: the source of truth for messages and counts. */
  readonly jsonl: string;
  /** Replaced whole via `metaTmp` + rename, so readers never see half of it. */
  readonly meta: string;
  readonly metaTmp: string;
}

/**
 * The ids reaching here are already branded, but they are parsed again because this
 * is where an id becomes a path: nothing outside [A-Za-z0-9_-] can ever reach `join`,
 * so no id can climb out of the sessions directory.
 */
export function sessionFiles(sessionsDir: string, sessionId: SessionId): SessionFiles {
  const id = parseSessionId(sessionId);
  return {
    jsonl: join(sessionsDir, `${id}.jsonl`),
    meta: join(sessionsDir, `${id}.meta.json`),
    // One process owns the data dir and writes to a session are serialised, so one
    // fixed temp name per session cannot collide and purge knows every file to remove.
    metaTmp: join(sessionsDir, `${id}.meta.json.tmp`),
  };
}

/** What the meta file holds: the summary, plus what the JSONL cannot say. */
export interface SessionMeta {
  readonly session_id: SessionId;
  readonly created_at: string;
  readonly last_updated: string;
  readonly message_count: number;
  readonly metadata: Metadata;
  readonly deleted_at: string | null;
  /** Highest seq in the JSONL; the next append starts after it. */
  readonly last_seq: number;
  /**
   * JSONL size when this meta was written. A different size on disk means a crash
   * landed between the two writes, so the JSONL is scanned instead of trusting this.
   */
  readonly jsonl_bytes: number;
}

export async function readMeta(path: string, sessionId: SessionId): Promise<SessionMeta | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw storeUnavailable(error);
  }
  return parseMeta(text, sessionId);
}

// Unreadable meta is treated like missing meta: the JSONL still holds every message.
function parseMeta(text: string, sessionId: SessionId): SessionMeta | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const meta = value as Record<string, unknown>;
  const valid =
    meta.session_id === sessionId &&
    typeof meta.created_at === 'string' &&
    typeof meta.last_updated === 'string' &&
    Number.isSafeInteger(meta.message_count) &&
    typeof meta.metadata === 'object' &&
    meta.metadata !== null &&
    !Array.isArray(meta.metadata) &&
    (meta.deleted_at === null || typeof meta.deleted_at === 'string') &&
    Number.isSafeInteger(meta.last_seq) &&
    Number.isSafeInteger(meta.jsonl_bytes);
  return valid ? (meta as unknown as SessionMeta) : null;
}

export async function writeMetaAtomically(files: SessionFiles, meta: SessionMeta): Promise<void> {
  try {
    await replaceFile(files.meta, `${JSON.stringify(meta)}\n`);
  } catch (error) {
    throw storeUnavailable(error);
  }
}

/** null when the file does not exist. */
export async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if (isMissing(error)) return null;
    throw storeUnavailable(error);
  }
}

export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** The one translation from Node I/O errors to the domain; already-domain errors pass. */
export function storeUnavailable(error: unknown): DomainError {
  if (isDomainError(error)) return error;
  return new StoreUnavailable('The conversation store is unavailable; try again shortly.', { cause: error });
}

/** Whether a file is there; other I/O errors are StoreUnavailable. */
export async function fileExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw storeUnavailable(error);
  }
}

/** Which file (inode) a path names, how long it is and when it last changed (ms). */
export interface FileIdentity {
  readonly ino: number;
  readonly size: number;
  readonly ctimeMs: number;
}

/**
 * The identity of the file at `path` now, or null when there is none: one synchronous `stat`
 * (~2 µs), so a store can tell a file it knows from one replaced behind its back.
 * Throws StoreUnavailable for anything but a missing file.
 */
export function fileIdentityNow(path: string): FileIdentity | null {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    throw storeUnavailable(error);
  }
  return stats ? { ino: stats.ino, size: stats.size, ctimeMs: stats.ctimeMs } : null;
}
