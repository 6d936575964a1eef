import { ApiError, errorFrom, NETWORK_ERROR } from './api-error.js';

// Kept for this browser tab only: closing the tab signs the owner out.
const KEY = 'twin.admin_token';

export function storedToken() {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeToken(token) {
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // Without sessionStorage the token lives in the page only.
  }
}

export function clearToken() {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}

/** GET with the admin token. Resolves with the JSON body, or null when the route does not exist (404). */
export async function adminGet(path, token) {
  let response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'network', NETWORK_ERROR);
  }
  if (response.status === 404) return null;
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}

/** PUT, POST or DELETE with the admin token and an optional JSON body. Resolves with the JSON body, or null for 204. */
export async function adminSend(method, path, token, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', NETWORK_ERROR);
  }
  if (!response.ok) throw await errorFrom(response);
  return response.status === 204 ? null : response.json();
}
