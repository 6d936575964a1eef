/**
 * Where the first streamed token's time goes on the server: POST /chat/stream against the
 * hosted-model stand-in, with milestones taken inside the twin's process (Node's http
 * diagnostics channels and wrappers on a few methods), medians of N probes at one connection
 * after sessions with ~90 messages of history. Milestones are ms since the request's start.
 * Run: OPENAI_BASE_URL=http://127.0.0.1:<port>/v1 npx tsx bench/support/first-token-timeline.ts
 */
import { type ChildProcess, spawn } from 'node:child_process';
import dc from 'node:diagnostics_channel';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LatencyProbe } from './latency-probe.js';
import { median } from './stats.js';

type Row = Record<string, number>;

async function serve(): Promise<void> {
  const [{ ChatTurns }, { OpenAiChatModel }, { TwinService }] = await Promise.all([
    import('../../src/domain/chat/chat-turns.js'),
    import('../../src/adapters/openai/openai-chat-model.js'),
    import('../../src/domain/chat/twin-service.js'),
  ]);
  const rows: Row[] = [];
  let current: Row | undefined;
  const mark = (name: string) => {
    if (current && current[name] === undefined) current[name] = performance.now() - (current.start ?? 0);
  };
  dc.subscribe('http.server.request.start', (message) => {
    if ((message as { request: { url?: string } }).request.url !== '/chat/stream') return;
    current = { start: performance.now() };
    rows.push(current);
  });
  // Published once the request's last byte is handed to the socket, and when the response's head arrives.
  dc.subscribe('http.client.request.start', () => mark('model request on the wire'));
  dc.subscribe('http.client.response.finish', () => mark('model response head'));
  const wrap = (proto: object, method: string, name: string, after = false) => {
    const target = proto as Record<string, (...args: unknown[]) => unknown>;
    const original = target[method] as (...args: unknown[]) => unknown;
    target[method] = function (this: unknown, ...args: unknown[]) {
      mark(name);
      const result = original.apply(this, args);
      if (after) (result as Promise<unknown>).finally(() => mark(`${name} done`));
      return result;
    };
  };
  wrap(TwinService.prototype, 'chatStream', 'turn called');
  wrap(ChatTurns.prototype, 'begin', 'turn begun', true);
  wrap(OpenAiChatModel.prototype, 'stream', 'model called');
  wrap(ChatTurns.prototype, 'firstToken', 'first token');
  process.on('message', (message) => {
    if (message !== 'timeline') return;
    const done = rows.filter((row) => row['first token'] !== undefined).slice(-300);
    const names = Object.keys(done[0] ?? {}).filter((name) => name !== 'start');
    const milestones = names.map((name) => [name, median(done.map((row) => row[name] ?? 0))] as const);
    process.send?.(milestones.sort((a, b) => a[1] - b[1]).map(([name, ms]) => `${name} ${ms.toFixed(3)}`));
  });
  await import('./twin-bench-server.js');
}

async function drive(): Promise<void> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'serve'], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const [line] = (await once(createInterface({ input: child.stdout as NodeJS.ReadableStream }), 'line')) as [string];
  const info = JSON.parse(line) as { port: number; dataDir: string };
  const probe = new LatencyProbe(info.port);
  const sessions = Array.from({ length: 8 }, (_, i) => `timeline-session-${i}-abcdefghijklmnopqrstuvwxyz`);
  const body = (i: number) => JSON.stringify({ message: 'Where are you based?', session_id: sessions[i % 8] });
  try {
    for (let i = 0; i < 360; i++) await probe.firstToken('/chat/stream', body(i));
    const health: number[] = [];
    const firstToken: number[] = [];
    for (let i = 0; i < Number(process.env.BENCH_PROBES ?? 300); i++) {
      health.push(await probe.get('/health'));
      firstToken.push(await probe.firstToken('/chat/stream', body(i)));
    }
    const milestones = await new Promise((resolve) => {
      child.once('message', resolve);
      child.send('timeline');
    });
    console.log(`server milestones, ms since the request's start: ${(milestones as string[]).join(' | ')}`);
    console.log(
      `client: GET /health p50 ${median(health).toFixed(3)} ms, first token p50 ${median(firstToken).toFixed(3)} ms ` +
        `(${(median(firstToken) / median(health)).toFixed(2)}x)`,
    );
  } finally {
    probe.close();
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
    // The server's temp folder (store, persona copy) is the driver's to remove, as in twin-aims.ts.
    await rm(info.dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
}

if (process.argv[2] === 'serve') await serve();
else await drive();
