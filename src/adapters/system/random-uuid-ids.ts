import { randomUUID } from 'node:crypto';
import { isUnguessableSessionId, type MessageId, type SessionId } from '../../domain/conversation/conversation.js';
import type { IdGenerator } from '../../ports/id-generator.js';

/** UUID v4 from the platform CSPRNG: 122 random bits, unguessable. */
export class RandomUuidIds implements IdGenerator {
  /** Drawn again in the rare case (about 1 in a million) the id would look made up to the server's own check. */
  sessionId(): SessionId {
    for (;;) {
      const id = randomUUID();
      if (isUnguessableSessionId(id)) return id;
    }
  }

  messageId(): MessageId {
    return randomUUID() as MessageId;
  }
}
