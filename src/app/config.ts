import { z } from 'zod';
import { DEFAULT_BEDROCK_MODEL_ID } from '../adapters/bedrock/bedrock-chat-model.js';
import { bedrockContextTokens, TOKENIZER_MARGIN } from '../adapters/bedrock/model-ids.js';
import type { SpendLimits } from '../domain/chat/spend-guard.js';
import { DEFAULT_MODEL_PRICES, type ModelPriceTable } from '../domain/monitoring/model-prices.js';
import { type CorsOrigins, parseCorsOrigins } from './cors-origins.js';
import { type MetricsSinkName, parseMetricsSinks, parseModelPrices } from './metrics-config.js';

function isTimeZone(zone: string): boolean {
  // The default needs no check, and Intl's time-zone data costs ~5 ms to load on a cold start.
  if (zone === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    );
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8000),
    HOST: z.string().default('0.0.0.0'),
    TWIN_PERSONA_DIR: z.string().default('./persona'),
    TWIN_DATA_DIR: z.string().default('./data'),
    TWIN_STORE: z.enum(['filesystem', 'memory', 'dynamodb']).default('filesystem'),
    TWIN_MODEL: z.enum(['auto', 'openai', 'bedrock', 'offline']).default('auto'),
    OPENAI_API_KEY: optionalText,
    OPENAI_BASE_URL: optionalText,
    OPENAI_MODEL: z.string().default('gpt-4o-mini'),
    OPENAI_TIMEOUT_MS: positiveInt(30_000),
    OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
    TWIN_EMBEDDINGS: z.enum(['auto', 'local', 'openai', 'none']).default('auto'),
    OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
    BEDROCK_MODEL_ID: optionalText,
    BEDROCK_REGION: optionalText,
    BEDROCK_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    BEDROCK_TIMEOUT_MS: positiveInt(30_000),
    BEDROCK_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
    BEDROCK_MAX_TOKENS: positiveInt(1024),
    BEDROCK_TEMPERATURE: z.coerce.number().min(0).max(1).optional(),
    CORS_ORIGINS: z
      .string()
      .default('http://localhost:3000')
      .transform((v, ctx) => parseCorsOrigins(v, ctx)),
    TWIN_ADMIN_TOKEN: optionalText,
    TWIN_MAX_MESSAGE_CHARS: positiveInt(4000),
    TWIN_HISTORY_TOKENS: positiveInt(3000),
    TWIN_TRUST_PROXY: flag,
    TWIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(30),
    TWIN_SESSION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(12),
    TWIN_FRAME_ANCESTORS: list(''),
    TWIN_DAILY_TOKEN_BUDGET: z.coerce.number().int().min(0).default(2_000_000),
    TWIN_SESSION_TOKEN_BUDGET: z.coerce.number().int().min(0).default(200_000),
    TWIN_CLIENT_DAILY_TOKEN_BUDGET: z.coerce.number().int().min(0).default(200_000),
    TWIN_MAX_TURNS: z.coerce.number().int().min(0).default(100),
    TWIN_RESTING_MESSAGE: optionalText,
    TWIN_STORE_PII: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default('true')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
    TWIN_ANALYTICS_TIMEZONE: z
      .string()
      .default('UTC')
      .refine((zone) => isTimeZone(zone), 'must be an IANA time zone such as Europe/Lisbon or UTC'),
    DYNAMODB_TABLE_NAME: z.string().trim().min(3).max(255).default('DigitalTwinConversations'),
    AWS_REGION: z.string().trim().min(1).default('us-east-1'),
    DYNAMODB_ENDPOINT: optionalText.pipe(z.url().optional()),
    TWIN_SESSION_TTL_DAYS: z.coerce.number().positive().max(36_500).optional(),
    TWIN_CONTEXT_TOKENS: positiveInt(4000),
    TWIN_NOTIFY_WEBHOOK_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    TWIN_NOTIFY_TIMEOUT_MS: positiveInt(5000),
    TWIN_ANSWERS_REFRESH_SECONDS: z.coerce.number().min(0).max(3600).default(5),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TWIN_METRICS: z
      .string()
      .default('auto')
      .transform((v, ctx) => parseMetricsSinks(v, ctx)),
    TWIN_METRICS_NAMESPACE: z.string().trim().min(1).max(255).default('DigitalTwin'),
    TWIN_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    TWIN_METRICS_FLUSH_SECONDS: positiveInt(10),
    TWIN_METRICS_FUNCTION_NAME: optionalText,
    AWS_LAMBDA_FUNCTION_NAME: optionalText,
    TWIN_MODEL_PRICES: optionalText.transform((v, ctx) => parseModelPrices(v, ctx)),
    TWIN_CLOUDWATCH_ENDPOINT: optionalText.pipe(z.url().optional()),
  })
  .superRefine((env, ctx) => {
    if (env.TWIN_EMBEDDINGS === 'openai' && !env.OPENAI_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['OPENAI_API_KEY'], message: 'is required when TWIN_EMBEDDINGS=openai' });
    }
    if (env.TWIN_MODEL === 'openai' && !env.OPENAI_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['OPENAI_API_KEY'], message: 'is required when TWIN_MODEL=openai' });
    }
    if (env.TWIN_MODEL === 'bedrock' || (env.TWIN_MODEL === 'auto' && autoModel(env) === 'bedrock')) {
      checkBedrockContext(env, ctx);
    }
  });

interface BedrockContextSettings {
  readonly BEDROCK_MODEL_ID?: string;
  readonly BEDROCK_MAX_TOKENS: number;
  readonly TWIN_HISTORY_TOKENS: number;
  readonly TWIN_CONTEXT_TOKENS: number;
  readonly TWIN_MAX_MESSAGE_CHARS: number;
}

// A prompt longer than the model accepts is prevented here, at start, not discovered by Bedrock.
function checkBedrockContext(env: BedrockContextSettings, ctx: z.RefinementCtx): void {
  const modelId = env.BEDROCK_MODEL_ID ?? DEFAULT_BEDROCK_MODEL_ID;
  const window = bedrockContextTokens(modelId);
  const prompt = env.TWIN_HISTORY_TOKENS + env.TWIN_CONTEXT_TOKENS + env.TWIN_MAX_MESSAGE_CHARS;
  if (window !== undefined && Math.ceil(prompt * TOKENIZER_MARGIN) + env.BEDROCK_MAX_TOKENS > window) {
    ctx.addIssue({
      code: 'custom',
      path: ['TWIN_HISTORY_TOKENS'],
      message: `with TWIN_CONTEXT_TOKENS, TWIN_MAX_MESSAGE_CHARS and BEDROCK_MAX_TOKENS must fit ${modelId}'s ${window}-token context (with a quarter spare for its tokenizer)`,
    });
  }
}

type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly personaDir: string;
  readonly dataDir: string;
  readonly store: RawConfig['TWIN_STORE'];
  /** auto resolves here: openai when a key is set, else bedrock when a model id is, else offline. */
  readonly model: 'openai' | 'bedrock' | 'offline';
  readonly openai: {
    readonly apiKey?: string;
    readonly baseURL?: string;
    readonly model: string;
    readonly timeoutMs: number;
    readonly maxRetries: number;
  };
  readonly bedrock: {
    /** A model id or an inference-profile id (or ARN); unset means the adapter's Nova Lite default. */
    readonly modelId?: string;
    /** BEDROCK_REGION, else AWS_REGION. */
    readonly region: string;
    /** A Bedrock-compatible server; unset means AWS. */
    readonly endpoint?: string;
    readonly timeoutMs: number;
    readonly maxRetries: number;
    readonly maxTokens: number;
    readonly temperature?: number;
  };
  /** Normalised origins allowed to call the API from a browser, or '*' for any. */
  readonly corsOrigins: CorsOrigins;
  /** Unset means: generate one at start and print it once. */
  readonly adminToken?: string;
  readonly maxMessageChars: number;
  readonly historyTokens: number;
  readonly logLevel: RawConfig['LOG_LEVEL'];
  readonly metrics: {
    /** Resolved: `auto` is emf on Lambda, prometheus elsewhere; empty means none. */
    readonly sinks: readonly Exclude<MetricsSinkName, 'auto' | 'none'>[];
    readonly namespace: string;
    /** A second port serving only GET /metrics, without the admin token. */
    readonly port?: number;
    readonly flushSeconds: number;
    /** The FunctionName dimension: the Lambda function's name, or a name for this deployment. */
    readonly functionName: string;
    readonly region: string;
    readonly cloudwatchEndpoint?: string;
  };
  /** Prices per model for EstimatedCost: the defaults with TWIN_MODEL_PRICES over them. */
  readonly modelPrices: ModelPriceTable;
  /** Believe X-Forwarded-For (only behind a proxy that sets it). */
  readonly trustProxy: boolean;
  /** Messages per minute per client IP and per session; 0 disables. */
  readonly rateLimits: { readonly perIpPerMinute: number; readonly perSessionPerMinute: number };
  /** Origins allowed to embed the pages in a frame (CSP frame-ancestors); none by default. */
  readonly frameAncestors: readonly string[];
  /** Spend caps and the turn limit; 0 disables each. */
  readonly spend: SpendLimits;
  /** Keep e-mails and phone numbers in stored transcripts (masked otherwise). */
  readonly storePii: boolean;
  /** IANA zone for analytics hours of day, weekdays and day edges. */
  readonly analyticsTimeZone: string;
  readonly dynamodb: {
    readonly tableName: string;
    readonly region: string;
    /** A local server such as dynalite or moto; unset means AWS. */
    readonly endpoint?: string;
  };
  /** Retention of conversations, in days since their last activity; unset keeps them. */
  readonly sessionTtlDays?: number;
  /** Token budget of the system prompt (persona whole when it fits, else core + retrieved passages). */
  readonly contextTokens: number;
  /**
   * Embeddings for semantic retrieval. auto resolves here: OpenAI's (OPENAI_EMBEDDING_MODEL) with
   * the OpenAI model on api.openai.com, the local sentence encoder otherwise (offline, Bedrock).
   */
  readonly embeddings: { readonly kind: 'local' | 'openai' | 'none'; readonly openaiModel: string };
  /** Where new knowledge gaps and leads are POSTed as JSON; unset: no notifications. */
  readonly notifyWebhookUrl?: string;
  readonly notifyTimeoutMs: number;
  /** Longest a stored owner answer takes to reach every instance (DynamoDB store); 0 checks on every message. */
  readonly answersRefreshSeconds: number;
}

/** One line naming every bad variable, e.g. "Invalid configuration: PORT: expected number". */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment once; a bad value fails here, before anything starts. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  // Parsed once per process: generating zod's fast path (new Function) would cost more than it saves.
  const parsed = ConfigSchema.safeParse(env, { jitless: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const raw = parsed.data;
  return {
    port: raw.PORT,
    host: raw.HOST,
    personaDir: raw.TWIN_PERSONA_DIR,
    dataDir: raw.TWIN_DATA_DIR,
    store: raw.TWIN_STORE,
    model: raw.TWIN_MODEL === 'auto' ? autoModel(raw) : raw.TWIN_MODEL,
    openai: {
      apiKey: raw.OPENAI_API_KEY,
      baseURL: raw.OPENAI_BASE_URL,
      model: raw.OPENAI_MODEL,
      timeoutMs: raw.OPENAI_TIMEOUT_MS,
      maxRetries: raw.OPENAI_MAX_RETRIES,
    },
    bedrock: {
      modelId: raw.BEDROCK_MODEL_ID,
      region: raw.BEDROCK_REGION ?? raw.AWS_REGION,
      endpoint: raw.BEDROCK_ENDPOINT,
      timeoutMs: raw.BEDROCK_TIMEOUT_MS,
      maxRetries: raw.BEDROCK_MAX_RETRIES,
      maxTokens: raw.BEDROCK_MAX_TOKENS,
      temperature: raw.BEDROCK_TEMPERATURE,
    },
    corsOrigins: raw.CORS_ORIGINS,
    adminToken: raw.TWIN_ADMIN_TOKEN,
    maxMessageChars: raw.TWIN_MAX_MESSAGE_CHARS,
    historyTokens: raw.TWIN_HISTORY_TOKENS,
    logLevel: raw.LOG_LEVEL,
    metrics: {
      sinks: resolveSinks(raw.TWIN_METRICS, raw.AWS_LAMBDA_FUNCTION_NAME !== undefined),
      namespace: raw.TWIN_METRICS_NAMESPACE,
      port: raw.TWIN_METRICS_PORT,
      flushSeconds: raw.TWIN_METRICS_FLUSH_SECONDS,
      functionName: raw.TWIN_METRICS_FUNCTION_NAME ?? raw.AWS_LAMBDA_FUNCTION_NAME ?? 'digital-twin',
      region: raw.AWS_REGION,
      cloudwatchEndpoint: raw.TWIN_CLOUDWATCH_ENDPOINT,
    },
    modelPrices: { ...DEFAULT_MODEL_PRICES, ...raw.TWIN_MODEL_PRICES },
    trustProxy: raw.TWIN_TRUST_PROXY,
    rateLimits: {
      perIpPerMinute: raw.TWIN_RATE_LIMIT_PER_MINUTE,
      perSessionPerMinute: raw.TWIN_SESSION_RATE_LIMIT_PER_MINUTE,
    },
    frameAncestors: raw.TWIN_FRAME_ANCESTORS,
    storePii: raw.TWIN_STORE_PII,
    spend: {
      dailyTokens: raw.TWIN_DAILY_TOKEN_BUDGET,
      sessionTokens: raw.TWIN_SESSION_TOKEN_BUDGET,
      clientDailyTokens: raw.TWIN_CLIENT_DAILY_TOKEN_BUDGET,
      maxTurns: raw.TWIN_MAX_TURNS,
      restingMessage: raw.TWIN_RESTING_MESSAGE,
    },
    analyticsTimeZone: raw.TWIN_ANALYTICS_TIMEZONE,
    dynamodb: { tableName: raw.DYNAMODB_TABLE_NAME, region: raw.AWS_REGION, endpoint: raw.DYNAMODB_ENDPOINT },
    sessionTtlDays: raw.TWIN_SESSION_TTL_DAYS,
    contextTokens: raw.TWIN_CONTEXT_TOKENS,
    embeddings: {
      kind:
        raw.TWIN_EMBEDDINGS !== 'auto'
          ? raw.TWIN_EMBEDDINGS
          : (raw.TWIN_MODEL === 'auto' ? autoModel(raw) : raw.TWIN_MODEL) === 'openai' && !raw.OPENAI_BASE_URL
            ? 'openai'
            : 'local',
      openaiModel: raw.OPENAI_EMBEDDING_MODEL,
    },
    notifyWebhookUrl: raw.TWIN_NOTIFY_WEBHOOK_URL,
    notifyTimeoutMs: raw.TWIN_NOTIFY_TIMEOUT_MS,
    answersRefreshSeconds: raw.TWIN_ANSWERS_REFRESH_SECONDS,
  };
}

function autoModel(raw: { readonly OPENAI_API_KEY?: string; readonly BEDROCK_MODEL_ID?: string }): Config['model'] {
  if (raw.OPENAI_API_KEY) return 'openai';
  return raw.BEDROCK_MODEL_ID ? 'bedrock' : 'offline';
}

function resolveSinks(names: readonly MetricsSinkName[], onLambda: boolean): Config['metrics']['sinks'] {
  const wanted = names.flatMap((name) => (name === 'auto' ? [onLambda ? 'emf' : 'prometheus'] : [name]));
  return [...new Set(wanted)].filter((name): name is Config['metrics']['sinks'][number] => name !== 'none');
}
