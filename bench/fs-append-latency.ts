// Append latency on one filesystem session at message 10 vs message 10,000, same run.
// Aim: <= 2x (appends must not grow with the conversation).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsConversationStore } from '../src/adapters/filesystem/fs-conversation-store.js';
import type { MessageId, SessionId } from '../src/domain/conversation/conversation.js';
import { median, ratio } from './support/stats.js';

const TARGET = Number(process.env.BENCH_APPEND_TARGET ?? 10_000);
const SAMPLES = 50;
const dataDir = mkdtempSync(join(tmpdir(), 'twin-append-bench-'));
const store = new FsConversationStore({ dataDir });
const content = 'A visitor message of ordinary length, about as long as a real question to the twin. '.repeat(3);
let counter = 0;

async function append(sessionId: SessionId): Promise<number> {
  counter += 1;
  const started = performance.now();
  await store.append(sessionId, [
    {
      id: `m${counter}` as MessageId,
      role: counter % 2 ? 'user' : 'assistant',
      content,
      timestamp: new Date().toISOString(),
    },
  ]);
  return performance.now() - started;
}

/** Fills a session to `upTo` messages, then times SAMPLES appends there. */
async function latencyAt(sessionId: SessionId, upTo: number): Promise<number> {
  for (let i = 0; i < upTo - SAMPLES / 2; i++) await append(sessionId);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await append(sessionId));
  return median(samples);
}

try {
  // A warm-up session so the first measurement does not pay for JIT and cold file caches.
  await latencyAt('bench-warmup-session' as SessionId, 200);
  const small = await latencyAt('bench-short-session' as SessionId, 10 + SAMPLES / 2);
  const large = await latencyAt('bench-long-session' as SessionId, TARGET);
  console.log(`append median at ~message 10: ${small.toFixed(3)} ms; at ~message ${TARGET}: ${large.toFixed(3)} ms`);
  console.log(`ratio: ${ratio(large, small)} (aim <= 2x)`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
