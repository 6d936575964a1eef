// The session id is a capability: it stays in this browser only (localStorage may be
// unavailable in private modes, in which case the conversation lasts for the page).
const KEY = 'twin.session_id';
let fallback = null;

export function rememberedSession() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return fallback;
  }
}

export function rememberSession(sessionId) {
  fallback = sessionId;
  try {
    localStorage.setItem(KEY, sessionId);
  } catch {
    // Private mode: the in-page fallback is enough.
  }
}

export function forgetSession() {
  fallback = null;
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
