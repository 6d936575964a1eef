/**
 * Stable error codes. Clients branch on `code`; the message is for humans.
 * app/http maps each code to one HTTP status.
 */
export type DomainErrorCode =
  | 'invalid_input'
  | 'unauthorized'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'request_timeout'
  | 'headers_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'model_unavailable'
  | 'store_unavailable'
  | 'persona_invalid'
  | 'internal';

/**
 * The one error root. `expose` says whether `message` is safe to show a caller;
 * when false, callers get a generic message and the details go to the log only.
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly expose: boolean;
  /** Seconds a caller should wait before retrying, when the failure is temporary. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: DomainErrorCode,
    message: string,
    options: { expose?: boolean; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.expose = options.expose ?? true;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export class InvalidInput extends DomainError {
  constructor(message: string) {
    super('invalid_input', message);
  }
}

export class NotFound extends DomainError {
  constructor(message: string) {
    super('not_found', message);
  }
}

export class Conflict extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export class ModelUnavailable extends DomainError {
  /** Tokens the model was billed for before failing (an empty answer still costs its prompt), when known. */
  readonly usage: { readonly input_tokens: number; readonly output_tokens: number } | undefined;

  constructor(
    message: string,
    options: { retryAfterSeconds?: number; cause?: unknown; usage?: ModelUnavailable['usage'] } = {},
  ) {
    super('model_unavailable', message, { retryAfterSeconds: options.retryAfterSeconds ?? 5, cause: options.cause });
    this.usage = options.usage;
  }
}

export class StoreUnavailable extends DomainError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('store_unavailable', message, { retryAfterSeconds: 1, cause: options.cause });
  }
}

/** A persona folder the twin cannot use; the message names the file. */
export class PersonaInvalid extends DomainError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('persona_invalid', message, { cause: options.cause });
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
