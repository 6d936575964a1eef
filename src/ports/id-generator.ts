import type { MessageId, SessionId } from '../domain/conversation/conversation.js';

export interface IdGenerator {
  /** Unguessable: session ids are capabilities (UUID v4 in production). */
  sessionId(): SessionId;
  messageId(): MessageId;
}
