import { clientSessionId, type SessionId } from '../../domain/conversation/conversation.js';
import { issuedSessionPart } from './responses-wire.js';

// A response or message id the twin issued carries its session (the route reads it the same way).
function sessionInIssuedId(id: unknown, prefix: 'resp' | 'msg'): SessionId | undefined {
  return typeof id === 'string' ? clientSessionId(issuedSessionPart(id, prefix)) : undefined;
}

function firstItemReference(input: unknown): unknown {
  if (!Array.isArray(input)) return undefined;
  return input.find((item) => typeof item === 'object' && item !== null && item.type === 'item_reference')?.id;
}

/**
 * The session a chat request's turn will be stored in, read from its raw JSON body the way every
 * chat surface reads it, for the per-session rate limit (which runs before the body is validated):
 * `session_id` (/chat, /chat/stream); on /v1, the session a `previous_response_id` or an
 * `item_reference` points into, else `user`, else `safety_identifier` (openai-compatible.ts,
 * openai-responses.ts). Undefined when none names an unguessable session: the turn then gets a
 * fresh server-issued one, which no earlier request can have spent.
 */
export function limitedSessionOf(body: unknown): SessionId | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const fields = body as Record<string, unknown>;
  const named = clientSessionId(fields.session_id);
  if (named) return named;
  const continued =
    sessionInIssuedId(fields.previous_response_id, 'resp') ??
    sessionInIssuedId(firstItemReference(fields.input), 'msg');
  if (continued) return continued;
  const user = typeof fields.user === 'string' && fields.user.trim() !== '' ? fields.user : fields.safety_identifier;
  return clientSessionId(user);
}
