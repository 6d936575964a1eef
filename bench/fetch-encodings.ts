// What a compressed answer costs the twin: client CPU of one OpenAI SDK call over nodeHttpFetch,
// gzipped against plain, as JSON (one ~1.3 KB answer) and as a 200-event stream. The reason
// nodeHttpFetch asks for `Accept-Encoding: identity` (docs/adr/1200-per-turn-work-and-cold-start.md).
import { spawn } from 'node:child_process';
import OpenAI from 'openai';
import { nodeHttpFetch } from '../src/adapters/openai/node-http-fetch.js';

const standIn = spawn(process.execPath, ['--import', 'tsx', 'bench/support/compressing-stand-in.ts']);
const { port } = JSON.parse(
  await new Promise<string>((resolve) => standIn.stdout.once('data', (d) => resolve(String(d)))),
);

async function calls(coding: 'plain' | 'gzip', stream: boolean, count: number): Promise<void> {
  const baseURL = `http://127.0.0.1:${port}/${coding}/v1`;
  const client = new OpenAI({ apiKey: 'bench', baseURL, fetch: nodeHttpFetch, maxRetries: 0 });
  const ask = { model: 'twin', messages: [{ role: 'user' as const, content: 'Hi' }] };
  for (let i = 0; i < count; i++) {
    if (!stream) await client.chat.completions.create(ask);
    else for await (const _ of await client.chat.completions.create({ ...ask, stream: true }));
  }
}

/** Client CPU (user + system) per call, in microseconds. */
async function cpuPerCall(coding: 'plain' | 'gzip', stream: boolean, count: number): Promise<number> {
  const start = process.cpuUsage();
  await calls(coding, stream, count);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

try {
  for (const stream of [false, true]) {
    const count = stream ? 60 : 400;
    await calls('plain', stream, 20);
    await calls('gzip', stream, 20);
    const plain = await cpuPerCall('plain', stream, count);
    const gzip = await cpuPerCall('gzip', stream, count);
    const what = stream ? 'a 200-event stream' : 'a JSON answer';
    console.log(`${what}: gzipped costs ${(gzip / plain).toFixed(1)}x the client CPU of plain`);
  }
} finally {
  standIn.kill();
}
