import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { releaseContainer } from '../../src/app/release-container.js';
import { TOKENS } from '../../src/app/tokens.js';
import { runTwin } from './cli.js';
import { ADMIN_TOKEN, testConfig } from './http-fixture.js';
import type { Surface, Turn } from './turn-surfaces.js';

/** What testConfig() sets, as environment variables for a spawned `twin`. */
const BASE_ENV = {
  TWIN_MODEL: 'offline',
  TWIN_EMBEDDINGS: 'none',
  TWIN_ADMIN_TOKEN: ADMIN_TOKEN,
  LOG_LEVEL: 'silent',
  TWIN_RATE_LIMIT_PER_MINUTE: '0',
  TWIN_SESSION_RATE_LIMIT_PER_MINUTE: '0',
  TWIN_DAILY_TOKEN_BUDGET: '0',
  TWIN_SESSION_TOKEN_BUDGET: '0',
  TWIN_CLIENT_DAILY_TOKEN_BUDGET: '0',
  TWIN_MAX_TURNS: '0',
  TWIN_METRICS: 'none',
  AWS_EMF_ENVIRONMENT: 'Local',
};

/**
 * `twin chat`, spawned as a process over a filesystem store in a temp folder: each conversation
 * is one process fed its messages on stdin (`--session` continues a stored one). The CLI has no
 * delete, analytics or transcript command over HTTP, so `admin` reads the same folder through a
 * fresh in-process app per call, after the process has exited (one process owns a data dir).
 */
export const cliSurface: Surface = {
  name: 'twin chat (CLI process)',
  concurrent: false,
  clients: false,
  async start(env) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'twin-cli-data-'));
    const processEnv = { ...BASE_ENV, ...env, TWIN_STORE: 'filesystem', TWIN_DATA_DIR: dataDir };
    return {
      async converse(messages, options = {}) {
        if (options.client || options.history || options.anonymous) {
          throw new Error('the CLI cannot express a client address, client-held history or an anonymous turn');
        }
        const args = ['chat', ...(options.session ? ['--session', options.session] : [])];
        const result = await runTwin(args, { env: processEnv, input: `${messages.join('\n')}\n\n`, timeoutMs: 30_000 });
        if (result.code !== 0) throw new Error(`twin chat exited with ${result.code}: ${result.stderr}`);
        return parseCliTranscript(result.stdout, messages.length);
      },
      async admin(method, route) {
        const container = buildContainer(testConfig(processEnv));
        try {
          const res = await request(createApp(container).callback())
            [method === 'GET' ? 'get' : 'delete'](route)
            .set('Authorization', `Bearer ${ADMIN_TOKEN}`);
          return { status: res.status, body: res.status === 204 ? null : res.body };
        } finally {
          await releaseContainer(container);
        }
      },
      close: () => rm(dataDir, { recursive: true, force: true, maxRetries: 5 }),
    };
  },
};

/** "twin> <answer>" per question (or "[<error>]"), then "Session: <id>" at exit. */
function parseCliTranscript(stdout: string, count: number): Turn[] {
  const sessionId = /Session: (\S+)/.exec(stdout)?.[1];
  const answers = stdout
    .split('twin> ')
    .slice(1)
    .map((part) => part.split('\nyou> ')[0]?.split('\nSession: ')[0]?.trim() ?? '');
  if (answers.length !== count) throw new Error(`expected ${count} answers from the CLI, got:\n${stdout}`);
  return answers.map((text) => {
    const failed = /^\[(.*)\]$/.exec(text);
    return failed ? { status: 500, text: `error:${failed[1]}`, sessionId } : { status: 200, text, sessionId };
  });
}
