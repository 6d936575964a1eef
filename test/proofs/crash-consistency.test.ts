import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';
import { samplePersonaDir } from '../support/sample-persona.js';

// A server on the filesystem store is killed with SIGKILL at random moments while clients
// chat; after every restart, every acknowledged message must be there exactly once.
const KILLS = Number(process.env.TWIN_CRASH_KILLS ?? 30);
const SESSIONS = 8;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'twin-crash-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

async function startChild(): Promise<{ child: ChildProcess; url: string }> {
  // The built CLI (npm run build, which test:proofs runs first) starts in a fraction of tsx's time.
  const child = spawn(process.execPath, ['dist/app/cli.js', 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      TWIN_ADMIN_TOKEN: 'crash-admin-token',
      TWIN_DATA_DIR: dataDir,
      TWIN_PERSONA_DIR: samplePersonaDir(),
      TWIN_STORE: 'filesystem',
      TWIN_MODEL: 'offline',
      OPENAI_API_KEY: '',
      TWIN_RATE_LIMIT_PER_MINUTE: '0',
      TWIN_SESSION_RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  for await (const line of createInterface({ input: child.stderr! })) {
    const match = /ready at (http:\/\/\S+)/.exec(line);
    if (match?.[1]) return { child, url: match[1] };
  }
  throw new Error('the server exited before it was ready');
}

const sessionId = (i: number) => `c7a5e0b1-3d9f-4c2e-8a6b-1f4e9d2c${String(i).padStart(4, '0')}`;

describe('crash consistency (filesystem store, SIGKILL)', () => {
  it(`loses no acknowledged message and duplicates none across ${KILLS} kills`, { timeout: 600_000 }, async () => {
    const acknowledged = new Map<string, Set<string>>();
    for (let s = 0; s < SESSIONS; s++) acknowledged.set(sessionId(s), new Set());
    let sent = 0;

    for (let round = 0; round < KILLS; round++) {
      const { child, url } = await startChild();
      let stop = false;
      let ackedThisRound = 0;
      const clients = Array.from({ length: SESSIONS }, async (_, s) => {
        while (!stop) {
          const content = `round ${round} message ${sent++} where are you based?`;
          try {
            const response = await fetch(`${url}/chat`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ message: content, session_id: sessionId(s) }),
            });
            if (response.status === 200) {
              acknowledged.get(sessionId(s))?.add(content);
              ackedThisRound++;
            }
          } catch {
            return; // the server died mid-request: this message was never acknowledged
          }
        }
      });
      // Kill at a random moment once traffic flows, so most kills land mid-append.
      while (ackedThisRound === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 200));
      child.kill('SIGKILL');
      stop = true;
      await Promise.all([once(child, 'exit'), ...clients]);
    }

    const { child, url } = await startChild();
    try {
      let total = 0;
      for (const [id, contents] of acknowledged) {
        const response = await fetch(`${url}/conversation/${id}`);
        if (contents.size === 0 && response.status === 404) continue;
        expect(response.status).toBe(200);
        const { messages } = (await response.json()) as { messages: { role: string; content: string }[] };
        const userMessages = messages.filter((m) => m.role === 'user').map((m) => m.content);
        expect(new Set(userMessages).size).toBe(userMessages.length);
        for (const content of contents) expect(userMessages).toContain(content);
        total += contents.size;
      }
      // The proof is only meaningful if real traffic was acknowledged between the kills.
      expect(total).toBeGreaterThan(KILLS);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
