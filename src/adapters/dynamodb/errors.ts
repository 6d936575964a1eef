import { DomainError, StoreUnavailable } from '../../domain/errors.js';

// Names the SDK gives errors worth a retry; by the time one reaches here the client has
// already retried it with backoff (maxAttempts), so it is reported as unavailability.
const TRANSIENT = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
]);

/** A conditional write lost: the adapter decides what that means for each operation. */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * DynamoDB failures become domain errors here, so nothing above the adapter sees SDK
 * types and no response can carry the SDK's text (it is kept as `cause`, for the log).
 */
export function storeError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'ValidationException') {
    return new DomainError('invalid_input', 'The conversation store cannot hold this data (too large or malformed)', {
      cause: error,
    });
  }
  if (TRANSIENT.has(name)) {
    return new StoreUnavailable('Conversation storage is busy; please try again shortly', { cause: error });
  }
  return new StoreUnavailable('Conversation storage is unavailable; please try again shortly', { cause: error });
}

/** Runs one store operation with every failure translated. */
export async function translated<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw storeError(error);
  }
}
