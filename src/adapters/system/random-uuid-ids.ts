import { randomUUID } from 'node:crypto';
import type { MessageId, SessionId } from '../../domain/conversation/conversation.js';
import type { IdGenerator } from '../../ports/id-generator.js';

/** UUID v4 from the platform CSPRNG: 122 random bits, unguessable. */
export class RandomUuidIds implements IdGenerator {
  sessionId(): SessionId {
    return randomUUID() as SessionId;
  }

  messageId(): MessageId {
    return randomUUID() as MessageId;
  }
}
