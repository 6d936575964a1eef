import type { Message } from '../../domain/conversation/conversation.js';

export interface RecentMessagesOptions {
  /** Newest messages kept per session. Default 200 (the chat turn's history read). */
  readonly perSession?: number;
  /** Characters of content kept over all sessions; the least recently used sessions go first. Default 8,000,000. */
  readonly maxChars?: number;
}

interface Tail {
  /** The session's newest messages, oldest first, frozen: readers share them. */
  messages: readonly Message[];
  /** Every message of the session is in `messages`. */
  complete: boolean;
  chars: number;
}

// Per-message bookkeeping beyond its content (ids, timestamp, object), counted against maxChars.
const MESSAGE_OVERHEAD_CHARS = 100;

/**
 * The newest messages of recently active sessions, as the JSONL holds them, so a chat turn
 * reads its history from memory instead of from the file's end. The store updates it under
 * the session's lock with exactly the lines it appended (parsed back from the bytes it wrote),
 * so a load served from here returns what a read of the file would.
 */
export class RecentMessages {
  private readonly tails = new Map<string, Tail>();
  private readonly perSession: number;
  private readonly maxChars: number;
  private chars = 0;

  constructor(options: RecentMessagesOptions = {}) {
    this.perSession = options.perSession ?? 200;
    this.maxChars = options.maxChars ?? 8_000_000;
  }

  /** The newest `limit` messages (all of them when undefined), or undefined when memory cannot answer. */
  newest(key: string, limit: number | undefined): Message[] | undefined {
    const tail = this.tails.get(key);
    if (!tail) return undefined;
    if (limit === undefined ? !tail.complete : tail.messages.length < limit && !tail.complete) return undefined;
    this.touch(key, tail);
    if (limit === undefined) return [...tail.messages];
    return limit === 0 ? [] : tail.messages.slice(-limit);
  }

  /** After a read from disk: `messages` are the newest of a session that holds `total` messages. */
  remember(key: string, messages: readonly Message[], total: number): void {
    this.put(key, messages.map(freeze), messages.length >= total);
  }

  /** After an append: a session just created starts a tail; a known tail grows; others stay unknown. */
  appended(key: string, messages: readonly Message[], created: boolean): void {
    const tail = this.tails.get(key);
    const fresh = messages.map(freeze);
    if (created) this.put(key, fresh, true);
    else if (tail) this.put(key, tail.messages.concat(fresh), tail.complete);
  }

  delete(key: string): void {
    const tail = this.tails.get(key);
    if (!tail) return;
    this.chars -= tail.chars;
    this.tails.delete(key);
  }

  private put(key: string, messages: readonly Message[], complete: boolean): void {
    this.delete(key);
    const kept = messages.length > this.perSession ? messages.slice(-this.perSession) : messages;
    const tail: Tail = {
      messages: kept,
      complete: complete && kept.length === messages.length,
      chars: kept.reduce((sum, m) => sum + m.content.length + MESSAGE_OVERHEAD_CHARS, 0),
    };
    // A single session bigger than the whole budget is simply not kept.
    if (tail.chars > this.maxChars) return;
    this.tails.set(key, tail);
    this.chars += tail.chars;
    for (const [coldest, cold] of this.tails) {
      if (this.chars <= this.maxChars) break;
      this.chars -= cold.chars;
      this.tails.delete(coldest);
    }
  }

  private touch(key: string, tail: Tail): void {
    this.tails.delete(key);
    this.tails.set(key, tail);
  }
}

/** Shared by every reader, so nobody may change it; nested records (e.g. an answer's) too. */
function freeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) freeze(inner);
  return Object.freeze(value);
}
