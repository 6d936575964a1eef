import { InvalidInput } from '../errors.js';
import { isSessionId, type SessionId } from './conversation.js';

/** Where a session sits in the newest-first listing; a cursor points just past it. */
export interface SessionSortKey {
  readonly last_updated: string;
  readonly session_id: SessionId;
}

// Cursors come back from clients, so anything beyond a generous bound is rejected before
// decoding: a real cursor is well under 300 characters.
const MAX_CURSOR_CHARS = 1024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const CURSOR_VERSION = 1;

/**
 * Opaque to clients: base64url of the last item's sort key. The version field lets a
 * future format be told apart from today's instead of being misread.
 */
export function encodeSessionCursor(key: SessionSortKey): string {
  const json = JSON.stringify({ v: CURSOR_VERSION, u: key.last_updated, s: key.session_id });
  return toBase64Url(new TextEncoder().encode(json));
}

/** Throws InvalidInput for anything encodeSessionCursor did not produce. */
export function decodeSessionCursor(cursor: string): SessionSortKey {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_CHARS) throw badCursor();
  if (!BASE64URL.test(cursor)) throw badCursor();
  let parsed: unknown;
  try {
    const bytes = fromBase64Url(cursor);
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw badCursor();
  }
  if (typeof parsed !== 'object' || parsed === null) throw badCursor();
  const { v, u, s } = parsed as Record<string, unknown>;
  if (v !== CURSOR_VERSION || typeof u !== 'string' || u.length === 0 || !isSessionId(s)) throw badCursor();
  return { last_updated: u, session_id: s };
}

function badCursor(): InvalidInput {
  return new InvalidInput('cursor is not valid; pass back the next_cursor of a previous page');
}

// btoa/atob instead of Buffer keeps the domain free of Node-only globals.
function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
