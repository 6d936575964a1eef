// The session id is a capability: it stays in this browser only (localStorage may be
// unavailable in private modes, in which case the conversation lasts for the page).
const KEY = 'twin.session_id';
let fallback = null;
// The chat widget's panel is a third-party frame, often refused storage: its host page keeps the id.
let keeper = null;

/** Keep the id through `save` (called with the id, or null) instead of localStorage, starting from `initial`. */
export function keepSessionWith(initial, save) {
  fallback = initial;
  keeper = save;
}

export function rememberedSession() {
  if (keeper) return fallback;
  try {
    return localStorage.getItem(KEY);
  } catch {
    return fallback;
  }
}

export function rememberSession(sessionId) {
  fallback = sessionId;
  if (keeper) return keeper(sessionId);
  try {
    localStorage.setItem(KEY, sessionId);
  } catch {
    // Private mode: the in-page fallback is enough.
  }
}

export function forgetSession() {
  fallback = null;
  if (keeper) return keeper(null);
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
