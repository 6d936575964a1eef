import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnTwin, waitForReady } from '../support/cli.js';
import { copySamplePersona } from '../support/sample-persona.js';

const ADMIN_TOKEN = 'acknowledged-counters-admin';

let root: string | undefined;
let server: ChildProcess | undefined;

afterEach(async () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  server = undefined;
  if (root) await rm(root, { recursive: true, force: true, maxRetries: 5 });
  root = undefined;
});

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Acknowledged means counted: a chat answered with 200 has its analytics counters on disk,
 * so a SIGKILL right after the answer (no graceful flush) loses no count. Counter writes are
 * group-committed before the answer is sent (BatchedAnalyticsStore, ADR 1200).
 */
describe('analytics counters of acknowledged answers', () => {
  it('survive a SIGKILL right after each answer', { timeout: 120_000 }, async () => {
    root = await mkdtemp(join(tmpdir(), 'twin-ack-counters-'));
    copySamplePersona(root);
    const env = {
      TWIN_STORE: 'filesystem',
      TWIN_MODEL: 'offline',
      TWIN_EMBEDDINGS: 'none',
      TWIN_DATA_DIR: join(root, 'data'),
      TWIN_PERSONA_DIR: join(root, 'persona'),
      TWIN_ADMIN_TOKEN: ADMIN_TOKEN,
      TWIN_RATE_LIMIT_PER_MINUTE: '0',
      TWIN_SESSION_RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
    };
    const rounds = 3;
    const questions = ['Where are you based?', 'What do you do?'];
    for (let round = 0; round < rounds; round++) {
      server = spawnTwin(['serve'], env);
      const { url } = await waitForReady(server);
      for (const message of questions) {
        const path = message === questions[0] ? '/chat' : '/chat/stream';
        const response = await fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ message }),
        });
        expect(response.status).toBe(200);
        await response.text();
      }
      // No graceful stop: whatever was still only in memory is gone.
      server.kill('SIGKILL');
      await exited(server);
    }
    server = spawnTwin(['serve'], env);
    const { url } = await waitForReady(server);
    const analytics = await fetch(`${url}/analytics`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(analytics.status).toBe(200);
    const body = (await analytics.json()) as { total_messages: number; total_sessions: number };
    expect(body.total_messages).toBe(rounds * questions.length * 2);
    expect(body.total_sessions).toBe(rounds * questions.length);
  });
});
