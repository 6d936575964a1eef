import { isSessionId, type SessionId } from '../conversation/conversation.js';
import { InvalidInput } from '../errors.js';

/** Where a rated answer sits in the newest-first listing; a cursor points just past it. */
export interface RatingSortKey {
  readonly rated_at: string;
  readonly session_id: SessionId;
  readonly seq: number;
}

const MAX_CURSOR_CHARS = 1024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const CURSOR_KIND = 'r1';

/** Opaque to clients: base64url of the last item's sort key, tagged so a session cursor is refused. */
export function encodeRatingCursor(key: RatingSortKey): string {
  const json = JSON.stringify({ k: CURSOR_KIND, r: key.rated_at, s: key.session_id, q: key.seq });
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/** Throws InvalidInput for anything encodeRatingCursor did not produce. */
export function decodeRatingCursor(cursor: string): RatingSortKey {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_CHARS) throw badCursor();
  if (!BASE64URL.test(cursor)) throw badCursor();
  let parsed: unknown;
  try {
    const base64 = cursor.replaceAll('-', '+').replaceAll('_', '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    parsed = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    );
  } catch {
    throw badCursor();
  }
  if (typeof parsed !== 'object' || parsed === null) throw badCursor();
  const { k, r, s, q } = parsed as Record<string, unknown>;
  if (k !== CURSOR_KIND || typeof r !== 'string' || r.length === 0 || r.length > 64) throw badCursor();
  if (!isSessionId(s) || typeof q !== 'number' || !Number.isSafeInteger(q) || q < 1) throw badCursor();
  return { rated_at: r, session_id: s, seq: q };
}

function badCursor(): InvalidInput {
  return new InvalidInput('cursor is not valid; pass back the next_cursor of a previous page');
}
