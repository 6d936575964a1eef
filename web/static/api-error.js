/** A failed call, carrying the server's stable error code and its human message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** Worth retrying as is: the server or the network failed, not the request. */
  get retryable() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** Turns a non-2xx response into an ApiError, using the {"error":{code,message}} body when there is one. */
export async function errorFrom(response) {
  let body;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const code = body?.error?.code ?? 'http_error';
  const message = body?.error?.message ?? `The server answered ${response.status}.`;
  return new ApiError(response.status, code, message);
}

export const NETWORK_ERROR = 'Could not reach the twin. Check your connection, then retry.';
