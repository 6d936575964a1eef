import type { MessageId, SessionId } from '../../domain/conversation/conversation.js';
import type { IdGenerator } from '../../ports/id-generator.js';

/**
 * Predictable ids for tests: UUID v4s that differ in their last four hex digits
 * (5f3c9e21-7b4d-4a86-9d0e-2c61b8a70001, ...0002: shaped like a real id, so visitor routes take
 * them), and msg-00000001, ...
 */
const SESSION_PREFIX = '5f3c9e21-7b4d-4a86-9d0e-2c61b8a7';

export class SequentialIds implements IdGenerator {
  private sessions = 0;
  private messages = 0;

  sessionId(): SessionId {
    this.sessions += 1;
    return `${SESSION_PREFIX}${this.sessions.toString(16).padStart(4, '0')}` as SessionId;
  }

  messageId(): MessageId {
    this.messages += 1;
    return `msg-${String(this.messages).padStart(8, '0')}` as MessageId;
  }
}
