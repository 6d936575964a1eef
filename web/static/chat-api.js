import { ApiError, errorFrom, NETWORK_ERROR } from './api-error.js';
import { readEvents } from './event-stream.js';

async function call(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', NETWORK_ERROR);
  }
}

/** The persona's public card: {name, full_name, title, location, initials, greeting, avatar_url}. */
export async function fetchPersona() {
  const response = await call('/persona', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}

/** The stored conversation, or null when the server no longer has it. */
export async function fetchConversation(sessionId) {
  const response = await call(`/conversation/${encodeURIComponent(sessionId)}`, {
    headers: { Accept: 'application/json' },
  });
  if (response.status === 404 || response.status === 400) return null;
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}

/** Removes every trace of the conversation (the visitor's "forget me"). */
export async function deleteConversation(sessionId) {
  const response = await call(`/conversation/${encodeURIComponent(sessionId)}?purge=true`, { method: 'DELETE' });
  if (!response.ok && response.status !== 404) throw await errorFrom(response);
}

/**
 * Streams one answer. Calls onSession(id) once, onToken(text) per piece; resolves with the
 * final reply. Rejects with ApiError, or with an AbortError when `signal` aborts.
 */
export async function streamChat({ message, sessionId, signal, onSession, onToken }) {
  const response = await call('/chat/stream', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify({ message, session_id: sessionId ?? null }),
    signal,
  });
  if (!response.ok) throw await errorFrom(response);
  try {
    for await (const { event, data } of readEvents(response)) {
      if (event === 'session') onSession(data.session_id);
      else if (event === 'token') onToken(data.text);
      else if (event === 'done') return data;
      else if (event === 'error') throw new ApiError(503, data.error.code, data.error.message);
    }
  } catch (error) {
    if (error instanceof ApiError || error?.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', NETWORK_ERROR);
  }
  throw new ApiError(0, 'network', 'The answer was cut off. Please retry.');
}

/** Rates answer `index` (its position in the stored conversation): 'up' or 'down', with an optional comment. */
export async function rateAnswer(sessionId, index, rating, comment) {
  const response = await call(`/conversation/${encodeURIComponent(sessionId)}/feedback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message_index: index, rating, ...(comment ? { comment } : {}) }),
  });
  if (!response.ok) throw await errorFrom(response);
}

/** Where the conversation downloads as a file. */
export function exportUrl(sessionId, format) {
  return `/conversation/${encodeURIComponent(sessionId)}/export?format=${format}`;
}
