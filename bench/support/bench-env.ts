import path from 'node:path';

/**
 * Every limit off, as in a load test: the benches measure the chat path, not the limiters'
 * refusals or the spend caps' rests.
 */
export const LIMITS_OFF = {
  TWIN_RATE_LIMIT_PER_MINUTE: '0',
  TWIN_SESSION_RATE_LIMIT_PER_MINUTE: '0',
  TWIN_DAILY_TOKEN_BUDGET: '0',
  TWIN_SESSION_TOKEN_BUDGET: '0',
  TWIN_CLIENT_DAILY_TOKEN_BUDGET: '0',
  TWIN_MAX_TURNS: '0',
} as const;

/** A twin whose hosted model is the OpenAI-compatible stand-in at `baseURL` (no retries), quiet. */
export function standInTwinEnv(baseURL: string | undefined) {
  return {
    TWIN_MODEL: 'openai',
    OPENAI_API_KEY: 'bench-key',
    OPENAI_BASE_URL: baseURL,
    OPENAI_MAX_RETRIES: '0',
    LOG_LEVEL: 'silent',
    TWIN_METRICS: 'none',
    TWIN_STORE: process.env.BENCH_STORE ?? 'filesystem',
    ...LIMITS_OFF,
  };
}

/**
 * The Lambda package's environment as deployed (infra/terraform/lambda.tf), except the memory
 * store and the stand-in at `baseURL` as the model; `dir` is the package's isolated copy.
 */
export function lambdaColdStartEnv(dir: string, baseURL: string | undefined) {
  return {
    PATH: process.env.PATH,
    TWIN_STORE: 'memory',
    TWIN_PERSONA_DIR: path.join(dir, 'persona'),
    TWIN_DATA_DIR: path.join(dir, 'data'),
    TWIN_METRICS: 'emf',
    TWIN_TRUST_PROXY: 'true',
    TWIN_MODEL: 'openai',
    OPENAI_API_KEY: 'bench-key',
    OPENAI_BASE_URL: baseURL,
    AWS_EMF_ENVIRONMENT: 'Local',
  };
}
