/**
 * The floor under issue 15's throughput aim (POST /chat ÷ GET /health >= 0.25x): what a minimal
 * Node server reaches when its POST does nothing but ONE call to the hosted model, next to the
 * twin, in one run, under the twin bench's conditions (autocannon, 32 connections over 64
 * sessions, the same instant stand-in model on loopback, rounds of GET /health and POST /chat
 * alternating on each server, every server's rounds interleaved with the others').
 *
 * The model request the floors send is the twin's own: the twin warms up until its requests carry
 * a full history window, the stand-in hands over the last body it was sent, and that body, its
 * history repeated or cut to the twin's mean request size, is what the floors send
 * (bench/support/floor-server.ts).
 * Servers measured:
 *   twin                   the twin as deployed (bench/support/twin-bench-server.ts: filesystem store, limits off)
 *   floor node:http        bare node:http server, the model call by node:http.request (kept-alive agent)
 *   floor SDK              bare node:http server, the model call by the OpenAI SDK over the built-in fetch
 *   floor SDK+nodeHttpFetch the same over the twin's nodeHttpFetch
 * Each server's CPU time per request is read over IPC, which the machine's load moves far less
 * than requests/s. BENCH_ROUNDS (5) and BENCH_SECONDS (3) change the run's length.
 * Run: npm run bench -- throughput-floor
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEFAULT_LIMITS } from '../src/domain/chat/chat-types.js';
import {
  ask,
  chatRequestsFor,
  cpuOf,
  loadAverage,
  type Started,
  startChild,
  stopChild,
} from './support/bench-child.js';
import { median } from './support/stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = 32;
const SESSIONS = 64;

interface Round {
  readonly rps: number;
  readonly p99: number;
  readonly cpuUs: number;
  readonly bytesPerCall: number;
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);
const loadAtStart = loadAverage();
const standIn = await startChild('bench/support/model-stand-in.ts');
const baseURL = `http://127.0.0.1:${standIn.info.port}/v1`;
const modelCount = () => ask<{ requests: number; bytes: number }>(standIn.child, 'count');
const { requests: chatRequests } = chatRequestsFor(SESSIONS);

/** One autocannon run on `server`; CPU per request from the server's own clock. */
async function measure(server: Started, kind: 'health' | 'chat', duration: number): Promise<Round> {
  const port = server.info.port as number;
  const target =
    kind === 'health'
      ? { url: `http://127.0.0.1:${port}/health`, connections: CONNECTIONS }
      : { url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, requests: chatRequests };
  const [cpuBefore, modelBefore] = [await cpuOf(server.child), await modelCount()];
  const result = await autocannon({ ...target, duration });
  const cpuUs = (await cpuOf(server.child)) - cpuBefore;
  const modelAfter = await modelCount();
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(`${kind}: ${result.errors} errors, ${result.non2xx} non-2xx responses`);
  }
  const calls = modelAfter.requests - modelBefore.requests;
  if (kind === 'chat' && calls < result.requests.total) {
    throw new Error(`${result.requests.total} chats answered but only ${calls} reached the model`);
  }
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    cpuUs: cpuUs / result.requests.total,
    bytesPerCall: calls > 0 ? (modelAfter.bytes - modelBefore.bytes) / calls : 0,
  };
}

/**
 * The twin's request `body` with its history repeated or cut until it is about `bytes` long: the
 * sessions' histories differ, so the last request alone may be shorter or longer than the mean.
 */
function resized(body: string, bytes: number): string {
  const request = JSON.parse(body) as { messages: unknown[] };
  const [system, ...rest] = request.messages;
  const question = rest.pop();
  const history = rest.length > 0 ? rest : [question];
  const sized = (count: number) =>
    JSON.stringify({
      ...request,
      messages: [system, ...Array.from({ length: count }, (_, i) => history[i % history.length]), question],
    });
  let count = 0;
  while (Buffer.byteLength(sized(count + 1)) <= bytes) count++;
  return sized(count);
}

const bodyDir = mkdtempSync(join(tmpdir(), 'twin-floor-'));
const servers: { name: string; server: Started }[] = [];
try {
  // The twin first: its warm-up gives the sessions their history, and its requests the floors' body.
  const twin = await startChild('bench/support/twin-bench-server.ts', { OPENAI_BASE_URL: baseURL });
  servers.push({ name: 'twin', server: twin });
  await measure(twin, 'health', 2);
  // Each turn adds history to the next request until the window is full (the newest 200 stored
  // messages within 3,000 tokens): the twin warms up until every session has had that many turns,
  // so the floors are measured with the twin's steady-state request, not a short early one.
  const warmupCalls = SESSIONS * (DEFAULT_LIMITS.historyLoadLimit / 2 + 10);
  const modelAtStart = (await modelCount()).requests;
  let steady = 0;
  while ((await modelCount()).requests - modelAtStart < warmupCalls) {
    steady = (await measure(twin, 'chat', 2)).bytesPerCall;
  }
  const { body: last } = await ask<{ body: string }>(standIn.child, 'last-body');
  const body = resized(last, steady);
  const bodyFile = join(bodyDir, 'model-request.json');
  writeFileSync(bodyFile, body);
  console.log(
    `the twin's model requests after its warm-up: ${fmt(steady)} bytes on average; ` +
      `the floors send its last one resized to ${Buffer.byteLength(body)} bytes`,
  );
  for (const [name, client] of [
    ['floor node:http', 'node-http'],
    ['floor SDK (built-in fetch)', 'sdk'],
    ['floor SDK + nodeHttpFetch', 'sdk-node-http'],
  ] as const) {
    const server = await startChild('bench/support/floor-server.ts', {
      FLOOR_CLIENT: client,
      FLOOR_BASE_URL: baseURL,
      FLOOR_BODY_FILE: bodyFile,
    });
    servers.push({ name, server });
    await measure(server, 'health', 2);
    await measure(server, 'chat', 2);
  }

  const rounds = new Map(servers.map(({ name }) => [name, [] as { health: Round; chat: Round }[]]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const { name, server } of servers) {
      // The order alternates, so neither side always runs right after the other.
      const first = r % 2 === 0 ? 'health' : 'chat';
      const a = await measure(server, first, SECONDS);
      const b = await measure(server, first === 'health' ? 'chat' : 'health', SECONDS);
      rounds.get(name)?.push(first === 'health' ? { health: a, chat: b } : { health: b, chat: a });
    }
  }

  console.log(
    `\n${ROUNDS} interleaved rounds of ${SECONDS} s per side and server, ${CONNECTIONS} connections, ` +
      `${SESSIONS} sessions (load average at start ${loadAtStart}, at end ${loadAverage()}; 2 cores)`,
  );
  console.log(
    `${'server'.padEnd(28)}${'/health req/s'.padStart(14)}${'/chat req/s'.padStart(12)}${'ratio'.padStart(8)}` +
      `${'CPU µs /health'.padStart(16)}${'CPU µs /chat'.padStart(14)}${'CPU ratio'.padStart(11)}` +
      `${'/chat p99 ms'.padStart(14)}${'model req bytes'.padStart(17)}`,
  );
  const times = (n: number) => `${fmt(n, 3)}x`;
  for (const [name, list] of rounds) {
    const of = (pick: (r: { health: Round; chat: Round }) => number) => median(list.map(pick));
    const columns = [
      [fmt(of((r) => r.health.rps)), 14],
      [fmt(of((r) => r.chat.rps)), 12],
      [times(of((r) => r.chat.rps / r.health.rps)), 8],
      [fmt(of((r) => r.health.cpuUs)), 16],
      [fmt(of((r) => r.chat.cpuUs)), 14],
      [times(of((r) => r.health.cpuUs / r.chat.cpuUs)), 11],
      [fmt(of((r) => r.chat.p99)), 14],
      [fmt(of((r) => r.chat.bytesPerCall)), 17],
    ] as const;
    console.log(name.padEnd(28) + columns.map(([text, width]) => text.padStart(width)).join(''));
  }
  console.log(
    'ratio: median over rounds of POST /chat ÷ GET /health req/s; CPU ratio: CPU per /health ÷ CPU per /chat (issue 15 aims at >= 0.25x)',
  );
} finally {
  for (const { server } of servers) await stopChild(server.child);
  await stopChild(standIn.child);
  rmSync(bodyDir, { recursive: true, force: true });
  // The twin's filesystem store.
  const dataDir = servers.find(({ name }) => name === 'twin')?.server.info.dataDir;
  if (typeof dataDir === 'string') rmSync(dataDir, { recursive: true, force: true });
}
