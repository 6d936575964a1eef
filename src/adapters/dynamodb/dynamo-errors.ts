import { StoreUnavailable } from '../../domain/errors.js';

/** True for the SDK's ConditionalCheckFailedException, from any copy of the package. */
export function isConditionFailure(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'ConditionalCheckFailedException'
  );
}

/** Vendor errors stop here: callers see a fixed message, the log keeps the cause. */
export function storeFailure(error: unknown): StoreUnavailable {
  return new StoreUnavailable('The DynamoDB table could not be read or written', { cause: error });
}
