import { type Config, loadConfig } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { samplePersonaDir } from './sample-persona.js';
import { fakeAdapters } from './twin-fixture.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    TWIN_STORE: 'memory',
    TWIN_MODEL: 'offline',
    // Never the repository's own folder: the README's steps may have written answers.md there.
    TWIN_PERSONA_DIR: samplePersonaDir(),
    // HTTP behaviour does not depend on how passages are ranked; the local model's load and
    // persona embedding (seconds on a busy CI core) are paid by the retrieval tests and evals only.
    TWIN_EMBEDDINGS: 'none',
    TWIN_ADMIN_TOKEN: ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    // Limits are tested on their own; elsewhere they would only make tests order-dependent.
    TWIN_RATE_LIMIT_PER_MINUTE: '0',
    TWIN_SESSION_RATE_LIMIT_PER_MINUTE: '0',
    TWIN_DAILY_TOKEN_BUDGET: '0',
    TWIN_SESSION_TOKEN_BUDGET: '0',
    TWIN_MAX_TURNS: '0',
    ...env,
  });
}

/** The real Koa app over fake adapters; drive it with supertest(app.callback()). */
export function appWith(options: Parameters<typeof fakeAdapters>[0] = {}, env: Record<string, string> = {}) {
  const adapters = fakeAdapters(options);
  const app = createApp(buildContainer(testConfig(env), adapters));
  return { app, adapters, server: app.callback() };
}
