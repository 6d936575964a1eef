import { APIConnectionError, APIConnectionTimeoutError } from 'openai';
import { DomainError, ModelUnavailable } from '../../domain/errors.js';
import { SystemClock } from '../system/system-clock.js';

/** What callers wait after a 429 that carries no usable retry hint. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/**
 * Turns whatever the SDK or the network threw into a DomainError. Vendor text can
 * echo prompts, keys or internal hosts, so messages here are fixed sentences and
 * the original error travels only as `cause` (for the log line).
 * Aborts are not handled here: the caller owns its signal and rethrows its reason.
 */
export function translateOpenAiError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  // Status, not the SDK's error classes, so a client built from another copy of the
  // package (CJS next to ESM) is translated the same way.
  const status = httpStatus(error);
  if (status === 429) {
    return new ModelUnavailable('The language model is busy; try again shortly', {
      retryAfterSeconds: retryAfterSeconds(responseHeaders(error)) ?? DEFAULT_RETRY_AFTER_SECONDS,
      cause: error,
    });
  }
  // Checked before APIConnectionError, its parent class.
  if (error instanceof APIConnectionTimeoutError) {
    return new ModelUnavailable('The language model did not answer in time', { cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new ModelUnavailable('The language model could not be reached', { cause: error });
  }
  if (status === 401 || status === 403) {
    return new ModelUnavailable('The language model rejected the credentials', { cause: error });
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return new ModelUnavailable('The language model rejected the request', { cause: error });
  }
  // 5xx, an error event inside a stream, a socket cut mid-body, unparsable chunks.
  return new ModelUnavailable('The language model failed to answer', { cause: error });
}

/**
 * Seconds to wait according to `retry-after-ms` (OpenAI's own, more precise) or the
 * standard `retry-after` (seconds or an HTTP date); undefined when neither is usable.
 */
export function retryAfterSeconds(
  headers: Headers | undefined,
  now: number = new SystemClock().now().getTime(),
): number | undefined {
  const millis = parseNonNegative(headers?.get('retry-after-ms'));
  if (millis !== undefined) return atLeastOneSecond(millis / 1000);

  const header = headers?.get('retry-after')?.trim();
  if (!header) return undefined;
  const seconds = parseNonNegative(header);
  if (seconds !== undefined) return atLeastOneSecond(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : atLeastOneSecond((date - now) / 1000);
}

function httpStatus(error: unknown): number | undefined {
  const status = typeof error === 'object' && error !== null ? Reflect.get(error, 'status') : undefined;
  return typeof status === 'number' ? status : undefined;
}

function responseHeaders(error: unknown): Headers | undefined {
  const headers = typeof error === 'object' && error !== null ? Reflect.get(error, 'headers') : undefined;
  return headers instanceof Headers ? headers : undefined;
}

function parseNonNegative(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

// A hint of 0 (or a date already past) would invite a tight retry loop against a busy server.
function atLeastOneSecond(seconds: number): number {
  return Math.max(1, Math.ceil(seconds));
}
