// Web and OpenAI-compatible routes, measured against the same app's bare /health route in one run.
// Run: npx tsx bench/web.bench.ts   (prints requests/s and ratios; no timing is asserted anywhere)
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { FixedClock } from '../src/adapters/memory/fixed-clock.js';
import { InMemoryConversationStore } from '../src/adapters/memory/in-memory-conversation-store.js';
import { NoopMetricsSink } from '../src/adapters/memory/metrics.js';
import { silentLogger } from '../src/adapters/memory/recording-logger.js';
import { ScriptedChatModel } from '../src/adapters/memory/scripted-chat-model.js';
import { RandomUuidIds } from '../src/adapters/system/random-uuid-ids.js';
import { loadConfig } from '../src/app/config.js';
import { buildContainer } from '../src/app/container.js';
import { createApp } from '../src/app/http/create-app.js';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = 20;

const config = loadConfig({
  TWIN_STORE: 'memory',
  TWIN_MODEL: 'offline',
  TWIN_ADMIN_TOKEN: 'bench',
  LOG_LEVEL: 'silent',
});
const app = createApp(
  buildContainer(config, {
    store: new InMemoryConversationStore(),
    model: new ScriptedChatModel('A short scripted answer of a few words.'),
    metrics: new NoopMetricsSink(),
    clock: new FixedClock('2026-01-01T00:00:00.000Z'),
    ids: new RandomUuidIds(),
    logger: silentLogger,
  }),
);
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

interface Case {
  readonly name: string;
  readonly path: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

const json = { 'content-type': 'application/json' };
const cases: Case[] = [
  { name: 'GET /health (baseline)', path: '/health' },
  { name: 'GET / as a browser (chat page)', path: '/', headers: { accept: 'text/html,*/*;q=0.8' } },
  { name: 'GET /static/chat.js', path: '/static/chat.js' },
  { name: 'GET /static/chat.js, 304 by ETag', path: '/static/chat.js', headers: {} },
  { name: 'GET /static/vendor/uPlot.iife.min.js (51 KB)', path: '/static/vendor/uPlot.iife.min.js' },
  { name: 'GET /persona', path: '/persona' },
  {
    name: 'POST /chat (baseline for chat)',
    path: '/chat',
    method: 'POST',
    headers: json,
    body: '{"message":"Hello there"}',
  },
  {
    name: 'POST /v1/chat/completions',
    path: '/v1/chat/completions',
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      model: 'twin',
      messages: [
        { role: 'system', content: 'ignored' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: 'Hello there' },
      ],
    }),
  },
];

const etag = (await fetch(`${base}/static/chat.js`)).headers.get('etag') ?? '';
const results = new Map<string, number>();
// One warm-up pass first, so the JIT does not favour whichever case runs last.
for (const warm of [true, false])
  for (const c of cases) {
    const headers = c.name.includes('304') ? { 'if-none-match': etag } : c.headers;
    const result = await autocannon({
      url: base + c.path,
      method: c.method ?? 'GET',
      headers,
      body: c.body,
      connections: CONNECTIONS,
      duration: warm ? 1 : DURATION_S,
    });
    if (warm) continue;
    const failures = result.non2xx - (c.name.includes('304') ? result['3xx'] : 0) + result.errors;
    results.set(c.name, result.requests.average);
    console.log(`${c.name.padEnd(48)} ${result.requests.average.toFixed(0).padStart(7)} req/s  failures ${failures}`);
  }
server.close();

const health = results.get('GET /health (baseline)') ?? 1;
const chat = results.get('POST /chat (baseline for chat)') ?? 1;
console.log('\nratios');
for (const [name, rate] of results) {
  const baseline = name.startsWith('POST /v1') ? chat : health;
  console.log(
    `${name.padEnd(48)} ${(rate / baseline).toFixed(2)}x ${name.startsWith('POST /v1') ? 'POST /chat' : '/health'}`,
  );
}
