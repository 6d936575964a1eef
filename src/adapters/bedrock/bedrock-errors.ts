import { DomainError, ModelUnavailable } from '../../domain/errors.js';
import { suggestedProfile } from './model-ids.js';

/** Failures no retry will fix: the operator must change the account, the role or the configuration. */
export type BedrockProblem =
  | 'access_denied'
  | 'model_not_found'
  | 'needs_inference_profile'
  | 'credentials'
  | 'context_too_long';

export interface TranslatedError {
  readonly error: DomainError;
  /** Set for misconfigurations: the adapter logs the fix once. */
  readonly problem?: BedrockProblem;
}

/** How long a visitor is told to wait when the account or configuration is at fault. */
const MISCONFIGURED_RETRY_SECONDS = 60;

const BUSY = new Set([
  'ThrottlingException',
  'ServiceUnavailableException',
  'ModelNotReadyException',
  'ServiceQuotaExceededException',
]);
const SLOW = new Set(['ModelTimeoutException', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const CREDENTIALS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
]);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Turns what the SDK or the network threw into a DomainError with a fixed, secret-free
 * message; the original travels only as `cause`. Names, not classes, are compared: the
 * SDK is loaded lazily, and exceptions inside a stream are thrown by name too.
 */
export function translateBedrockError(error: unknown): TranslatedError {
  if (error instanceof DomainError) return { error };
  const name = field(error, 'name') ?? '';
  // Over HTTP/2 a refused connection surfaces as a cancelled stream caused by it.
  const cause = typeof error === 'object' && error !== null ? Reflect.get(error, 'cause') : undefined;
  const codes = [field(error, 'code'), field(cause, 'code')];
  const message = field(error, 'message') ?? '';

  if (BUSY.has(name)) {
    const retryAfterSeconds = retryAfter(error);
    return {
      error: new ModelUnavailable('The language model is busy; try again shortly', { retryAfterSeconds, cause: error }),
    };
  }
  if (SLOW.has(name))
    return { error: new ModelUnavailable('The language model did not answer in time', { cause: error }) };
  if (codes.some((code) => code !== undefined && UNREACHABLE.has(code))) {
    return { error: new ModelUnavailable('The language model could not be reached', { cause: error }) };
  }
  if (name === 'AccessDeniedException') return misconfigured('access_denied', error);
  if (name === 'ResourceNotFoundException') return misconfigured('model_not_found', error);
  if (CREDENTIALS.has(name)) return misconfigured('credentials', error);
  if (name === 'ValidationException') {
    if (/on-demand throughput|inference profile/i.test(message)) return misconfigured('needs_inference_profile', error);
    if (/too long|too many (input )?tokens|context (length|window)|input length/i.test(message)) {
      return misconfigured('context_too_long', error);
    }
    return { error: new ModelUnavailable('The language model rejected the request', { cause: error }) };
  }
  // 5xx, ModelErrorException, an exception event inside a stream, a connection cut mid-body.
  return { error: new ModelUnavailable('The language model failed to answer', { cause: error }) };
}

/** The fix for a misconfiguration, written for the operator reading the log. */
export function problemFix(problem: BedrockProblem, modelId: string, region: string): string {
  switch (problem) {
    case 'access_denied':
      return (
        `enable model access for ${modelId} in region ${region} (Amazon Bedrock console, where it still ` +
        'has a Model access page), and allow bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream ' +
        'on it for this role and in any SCP (Terraform does so with model_provider = "bedrock")'
      );
    case 'model_not_found':
      return (
        `check BEDROCK_MODEL_ID and the region: ${modelId} is not offered in ${region} ` +
        `(aws bedrock list-foundation-models --region ${region}; aws bedrock list-inference-profiles --region ${region})`
      );
    case 'needs_inference_profile':
      return `${modelId} cannot be called on demand in ${region}: set BEDROCK_MODEL_ID to an inference profile id such as ${suggestedProfile(modelId, region)}`;
    case 'credentials':
      return 'give the process AWS credentials (a Lambda role, AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)';
    case 'context_too_long':
      return `the prompt was longer than ${modelId} accepts: lower TWIN_HISTORY_TOKENS or TWIN_CONTEXT_TOKENS`;
  }
}

function misconfigured(problem: BedrockProblem, cause: unknown): TranslatedError {
  return {
    problem,
    error: new ModelUnavailable('The language model is not available right now', {
      retryAfterSeconds: MISCONFIGURED_RETRY_SECONDS,
      cause,
    }),
  };
}

function field(error: unknown, key: string): string | undefined {
  const value = typeof error === 'object' && error !== null ? Reflect.get(error, key) : undefined;
  return typeof value === 'string' ? value : undefined;
}

// Bedrock rarely sends Retry-After; when a proxy or a compatible server does, it is honoured.
function retryAfter(error: unknown): number | undefined {
  const response = typeof error === 'object' && error !== null ? Reflect.get(error, '$response') : undefined;
  const headers = typeof response === 'object' && response !== null ? Reflect.get(response, 'headers') : undefined;
  const value = typeof headers === 'object' && headers !== null ? Reflect.get(headers, 'retry-after') : undefined;
  if (typeof value !== 'string' || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Math.max(1, Number(value));
}
