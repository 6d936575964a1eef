import type { MessageId, SessionId } from '../../domain/conversation/conversation.js';
import type { IdGenerator } from '../../ports/id-generator.js';

/** Predictable ids for tests: session-0000000000000001 (as long as a real id must be), msg-00000001, ... */
export class SequentialIds implements IdGenerator {
  private sessions = 0;
  private messages = 0;

  sessionId(): SessionId {
    this.sessions += 1;
    return `session-${String(this.sessions).padStart(16, '0')}` as SessionId;
  }

  messageId(): MessageId {
    this.messages += 1;
    return `msg-${String(this.messages).padStart(8, '0')}` as MessageId;
  }
}
