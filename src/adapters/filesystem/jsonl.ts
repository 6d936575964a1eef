import type { AnswerRecord, Message, MessageId } from '../../domain/conversation/conversation.js';
import { checkAnswerRecord, copyAnswerRecord } from '../../domain/conversation/store-rules.js';

const NEWLINE = 0x0a;

export interface JsonlScan {
  /** Every complete, well-formed line, in file order. */
  readonly messages: Message[];
  /**
   * Length of the prefix made of complete lines. Bytes after it are a torn write
   * (a crash mid-append) to be cut off before the next append.
   */
  readonly validBytes: number;
}

/**
 * One line per message. JSON.stringify escapes newlines (and lone surrogates) inside
 * strings, so a raw newline byte can only ever be a line end.
 */
export function encodeMessages(messages: readonly Message[]): Buffer {
  return Buffer.from(messages.map((m) => `${JSON.stringify(toLine(m))}\n`).join(''), 'utf8');
}

export function scanMessages(bytes: Buffer): JsonlScan {
  const messages: Message[] = [];
  let start = 0;
  let validBytes = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(NEWLINE, start);
    // No newline: the append that wrote this line never finished.
    if (end === -1) break;
    const message = parseLine(bytes.subarray(start, end).toString('utf8'));
    // A final line that ends in a newline but does not parse is treated as torn too
    // (e.g. a filesystem that extended the file with zeros before the data landed).
    // A bad line in the middle cannot be a torn append; it is skipped, not truncated,
    // so the good lines after it survive.
    if (message === null && end === bytes.length - 1) break;
    if (message !== null) messages.push(message);
    start = end + 1;
    validBytes = start;
  }
  return { messages, validBytes };
}

// Fixed key order keeps lines diffable and stable across versions.
function toLine(m: Message): Message {
  const line: Message = { id: m.id, seq: m.seq, role: m.role, content: m.content, timestamp: m.timestamp };
  return m.answer === undefined ? line : { ...line, answer: copyAnswerRecord(m.answer) };
}

// A damaged answer record costs the record, never the message.
function parseAnswer(value: unknown): AnswerRecord | undefined {
  if (value === undefined) return undefined;
  try {
    checkAnswerRecord(value as AnswerRecord);
    return copyAnswerRecord(value as AnswerRecord);
  } catch {
    return undefined;
  }
}

function parseLine(line: string): Message | null {
  if (line.trim().length === 0) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { id, seq, role, content, timestamp, answer } = value as Record<string, unknown>;
  if (typeof id !== 'string' || typeof content !== 'string' || typeof timestamp !== 'string') return null;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) return null;
  if (role !== 'user' && role !== 'assistant') return null;
  const message: Message = { id: id as MessageId, seq: seq as number, role, content, timestamp };
  const record = role === 'assistant' ? parseAnswer(answer) : undefined;
  return record === undefined ? message : { ...message, answer: record };
}
