// POST /chat with each metrics sink vs the `none` sink, same process, same run.
// Aim: every sink >= 0.95x the requests/s of `none`. Many short rounds, the order rotating each
// round, so drift on a busy machine spreads over all sinks; the figure per sink is the median.
// Then the in-process cost of one chat's metrics per sink, as a share of one /chat request.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { microsecondsPerChat, sinkFactories } from './support/sink-cost.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 1.5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const CONNECTIONS = 16;
const SESSIONS = 64;

const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/metrics-bench-server.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
const ports = JSON.parse(line) as Record<string, number>;

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

// Each request continues one of SESSIONS sessions: realistic history, and new-session metrics only at first.
const requests = Array.from({ length: SESSIONS }, (_, i) => ({
  method: 'POST' as const,
  path: '/chat',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    message: 'What do you do?',
    session_id: `b3e7c1d9-2a4f-4e8b-9c6d-5f1a8e2b${String(i).padStart(4, '0')}`,
  }),
}));

async function measure(port: number, duration: number): Promise<autocannon.Result> {
  return autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, requests, duration });
}

try {
  const names = Object.keys(ports);
  for (const name of names) await measure(ports[name]!, 1); // warm-up: JIT, sessions created
  const rps: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const p99: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = [...names.slice(round % names.length), ...names.slice(0, round % names.length)];
    for (const name of order) {
      const result = await measure(ports[name]!, DURATION_S);
      if (result.errors > 0 || result.non2xx > 0)
        throw new Error(`${name}: ${result.errors} errors, ${result.non2xx} non-2xx`);
      rps[name]!.push(result.requests.average);
      p99[name]!.push(result.latency.p99);
    }
  }
  const baseline = median(rps.none!);
  console.log(`POST /chat, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION_S} s, median per sink`);
  for (const name of names) {
    const value = median(rps[name]!);
    console.log(
      `${name.padEnd(28)} ${value.toFixed(0).padStart(6)} req/s  p99 ${median(p99[name]!)} ms  ratio vs none ${(value / baseline).toFixed(2)}x (aim >= 0.95x)`,
    );
  }
  const chatMicros = 1e6 / baseline;
  console.log(
    `\nmetrics work per /chat, in process (one /chat with no metrics took ${chatMicros.toFixed(0)} µs above)`,
  );
  const factories = sinkFactories();
  const none = await microsecondsPerChat(factories.none!);
  console.log(`${'none'.padEnd(28)} ${none.toFixed(1).padStart(6)} µs per chat (the loop itself: the baseline)`);
  for (const [name, make] of Object.entries(factories)) {
    if (name === 'none') continue;
    const cost = (await microsecondsPerChat(make)) - none;
    const share = Math.max(0, cost) / chatMicros;
    console.log(
      `${name.padEnd(28)} ${cost.toFixed(1).padStart(6)} µs per chat  = ${(share * 100).toFixed(1)}% of a request  -> expected ${(1 / (1 + share)).toFixed(2)}x`,
    );
  }
} finally {
  child.kill();
}
