/**
 * The responses every operation can give because of the middleware in front of it, added to
 * the document where an operation does not list them itself (attack pass 1 found 400 on
 * /sessions, 409/413 on /chat/stream, 415 on /v1, 429 on /chat, 304 on the avatar missing):
 * - a request body: 400 (not JSON, wrong fields), 413 (over the size cap), 415 (not JSON/UTF-8);
 * - parameters in the path or query: 400;
 * - the admin scheme: 401;
 * - a chat turn (a model call): 409 (the session was deleted), 429 (rate limits, budgets),
 *   503 (model or store unavailable, Retry-After set);
 * - every POST, PUT or PATCH: 413 (a body over the cap is refused before any route reads it);
 * - every operation that reads the store, the persona or the knowledge files: 503
 *   (`store_unavailable`: a file that is not the store's own, a held lock; Retry-After set);
 * - every operation: 500 (`internal`, no internal text).
 * 405 is not an operation's response (it answers methods no operation has).
 */

type Response = { description: string; content?: object };
type Operation = {
  requestBody?: unknown;
  parameters?: readonly unknown[];
  security?: readonly unknown[];
  responses: Record<string, Response>;
};

// Operations that touch no store: the greeting, health, this document, the model list, static pages.
const STORELESS_PATHS = new Set(['/', '/health', '/openapi.json', '/v1/models', '/v1/models/{model}', '/widget.js']);
const BODY_METHODS = new Set(['post', 'put', 'patch']);

/** The paths whose operations run a chat turn. */
const CHAT_TURN_PATHS = new Set(['/chat', '/chat/stream', '/v1/chat/completions', '/v1/responses']);

export function withMiddlewareResponses<T extends Record<string, Record<string, unknown>>>(
  paths: T,
  error: (description: string) => Response,
): T {
  // A copy: some paths come from module constants shared by every document built.
  const completed = structuredClone(paths);
  for (const [path, operations] of Object.entries(completed)) {
    for (const [method, operation] of Object.entries(operations) as [string, Operation][]) {
      const add = (status: number, description: string) => {
        operation.responses[status] ??= error(description);
      };
      if (operation.requestBody) {
        add(400, 'invalid_input');
        add(413, 'payload_too_large');
        add(415, 'unsupported_media_type');
      }
      if ((operation.parameters?.length ?? 0) > 0 || path.includes('{')) add(400, 'invalid_input');
      if (operation.security) add(401, 'unauthorized');
      if (BODY_METHODS.has(method)) add(413, 'payload_too_large');
      if (!STORELESS_PATHS.has(path)) add(503, 'store_unavailable (Retry-After set)');
      if (CHAT_TURN_PATHS.has(path)) {
        add(409, 'conflict: the session was deleted');
        add(429, 'rate_limited or budget_exhausted (Retry-After set)');
        add(503, 'model_unavailable or store_unavailable (Retry-After set)');
      }
      add(500, 'internal');
    }
  }
  return completed;
}
