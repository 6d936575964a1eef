import { randomUUID } from 'node:crypto';
import type { MessageId, SessionId } from '../../domain/conversation.js';
import type { IdGenerator } from '../../ports/id-generator.js';

/** Predictable ids for tests: session-00000001, msg-00000001, ... */
export class SequentialIds implements IdGenerator {
  private sessions = 0;
  private messages = 0;

  sessionId(): SessionId {
    this.sessions += 1;
    return `session-${String(this.sessions).padStart(8, '0')}` as SessionId;
  }

  messageId(): MessageId {
    this.messages += 1;
    return `msg-${String(this.messages).padStart(8, '0')}` as MessageId;
  }
}

/** UUID v4 from the platform CSPRNG: 122 random bits, unguessable. */
export class RandomUuidIds implements IdGenerator {
  sessionId(): SessionId {
    return randomUUID() as SessionId;
  }

  messageId(): MessageId {
    return randomUUID() as MessageId;
  }
}
