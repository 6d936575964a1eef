// POST /chat (instant model, filesystem store) vs a bare Koa JSON route, same process, same run.
// Aim: >= 0.5x the bare route's requests/s, p99 <= 15 ms, at 32 connections.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { ratio } from './support/stats.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 32;
const SESSIONS = 64;

const child = spawn(
  process.execPath,
  [
    ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
    '--import',
    'tsx',
    'bench/support/http-bench-server.ts',
  ],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
const ports = JSON.parse(line) as { twin: number; bare: number; dataDir: string };

async function run(title: string, options: autocannon.Options): Promise<autocannon.Result> {
  // A short warm-up lets the JIT settle before the measured run.
  await autocannon({ ...options, duration: 2 });
  const result = await autocannon({ ...options, duration: DURATION_S });
  console.log(
    `${title}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}`,
  );
  return result;
}

try {
  const bare = await run('bare Koa JSON route', { url: `http://127.0.0.1:${ports.bare}/`, connections: CONNECTIONS });
  // Each request continues one of SESSIONS sessions, so the store appends to growing conversations.
  const requests = Array.from({ length: SESSIONS }, (_, i) => ({
    method: 'POST' as const,
    path: '/chat',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      message: 'What do you do?',
      session_id: `b3e7c1d9-2a4f-4e8b-9c6d-5f1a8e2b${String(i).padStart(4, '0')}`,
    }),
  }));
  const chat = await run(`POST /chat (${process.env.BENCH_STORE ?? 'filesystem'} store)`, {
    url: `http://127.0.0.1:${ports.twin}`,
    connections: CONNECTIONS,
    requests,
  });
  console.log(
    `ratio /chat vs bare: ${ratio(chat.requests.average, bare.requests.average)} (aim >= 0.50x); /chat p99 ${chat.latency.p99} ms (aim <= 15 ms)`,
  );
} finally {
  child.kill();
  await once(child, 'exit');
  rmSync(ports.dataDir, { recursive: true, force: true, maxRetries: 3 });
}
