import type { Metadata, SessionId } from './conversation.js';

/** What an owner sees about one conversation without reading its messages. */
export interface SessionStats {
  readonly session_id: SessionId;
  readonly message_count: number;
  readonly messages_by_role: { readonly user: number; readonly assistant: number };
  /** Timestamp of the first message (the session's created_at). */
  readonly first_message_at: string;
  /** Timestamp of the newest message (the session's last_updated). */
  readonly last_message_at: string;
  /** Whole seconds from first to last message; 0 for a single message. */
  readonly duration_seconds: number;
  readonly metadata: Metadata;
}

/** Seconds between two timestamps, never negative (clocks and clients can disagree). */
export function durationSeconds(first: string, last: string): number {
  const span = Date.parse(last) - Date.parse(first);
  return Number.isFinite(span) && span > 0 ? Math.floor(span / 1000) : 0;
}
