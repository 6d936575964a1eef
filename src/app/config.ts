import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
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
    TWIN_STORE: z.enum(['filesystem', 'memory']).default('filesystem'),
    TWIN_MODEL: z.enum(['auto', 'openai', 'offline']).default('auto'),
    OPENAI_API_KEY: optionalText,
    OPENAI_BASE_URL: optionalText,
    OPENAI_MODEL: z.string().default('gpt-4o-mini'),
    OPENAI_TIMEOUT_MS: positiveInt(30_000),
    CORS_ORIGINS: z.string().default('http://localhost:3000'),
    TWIN_ADMIN_TOKEN: optionalText,
    TWIN_MAX_MESSAGE_CHARS: positiveInt(4000),
    TWIN_HISTORY_TOKENS: positiveInt(3000),
    TWIN_CONTEXT_TOKENS: positiveInt(4000),
    TWIN_NOTIFY_WEBHOOK_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    TWIN_NOTIFY_TIMEOUT_MS: positiveInt(5000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.TWIN_MODEL === 'openai' && !env.OPENAI_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['OPENAI_API_KEY'], message: 'is required when TWIN_MODEL=openai' });
    }
  });

type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly personaDir: string;
  readonly dataDir: string;
  readonly store: RawConfig['TWIN_STORE'];
  /** auto resolves here: openai when a key is set, offline otherwise. */
  readonly model: 'openai' | 'offline';
  readonly openai: {
    readonly apiKey?: string;
    readonly baseURL?: string;
    readonly model: string;
    readonly timeoutMs: number;
  };
  readonly corsOrigins: readonly string[];
  /** Unset means: generate one at start and print it once. */
  readonly adminToken?: string;
  readonly maxMessageChars: number;
  readonly historyTokens: number;
  readonly logLevel: RawConfig['LOG_LEVEL'];
  /** Token budget of the system prompt (persona whole when it fits, else core + retrieved passages). */
  readonly contextTokens: number;
  /** Where new knowledge gaps and leads are POSTed as JSON; unset: no notifications. */
  readonly notifyWebhookUrl?: string;
  readonly notifyTimeoutMs: number;
}

/** One line naming every bad variable, e.g. "Invalid configuration: PORT: expected number". */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment once; a bad value fails here, before anything starts. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = ConfigSchema.safeParse(env);
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
    model: raw.TWIN_MODEL === 'auto' ? (raw.OPENAI_API_KEY ? 'openai' : 'offline') : raw.TWIN_MODEL,
    openai: {
      apiKey: raw.OPENAI_API_KEY,
      baseURL: raw.OPENAI_BASE_URL,
      model: raw.OPENAI_MODEL,
      timeoutMs: raw.OPENAI_TIMEOUT_MS,
    },
    corsOrigins: raw.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    adminToken: raw.TWIN_ADMIN_TOKEN,
    maxMessageChars: raw.TWIN_MAX_MESSAGE_CHARS,
    historyTokens: raw.TWIN_HISTORY_TOKENS,
    logLevel: raw.LOG_LEVEL,
    contextTokens: raw.TWIN_CONTEXT_TOKENS,
    notifyWebhookUrl: raw.TWIN_NOTIFY_WEBHOOK_URL,
    notifyTimeoutMs: raw.TWIN_NOTIFY_TIMEOUT_MS,
  };
}
