/**
 * Global analytics and a 30-day daily series over a large filesystem store: answered from
 * the write-time counters vs a full recompute over every conversation, in the same run.
 *
 *   npx tsx bench/analytics-counters.bench.ts            # 100,000 sessions / 1,000,000 messages
 *   BENCH_SESSIONS=10000 npx tsx bench/analytics-counters.bench.ts
 *   BENCH_TIMEZONE=Asia/Kolkata npx tsx bench/analytics-counters.bench.ts   # queries in that zone (default UTC)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsAnalyticsStore } from '../src/adapters/filesystem/fs-analytics-store.js';
import { FsConversationStore } from '../src/adapters/filesystem/fs-conversation-store.js';
import { FsPersonaSource } from '../src/adapters/filesystem/fs-persona-source.js';
import { encodeMessages } from '../src/adapters/filesystem/jsonl.js';
import { FixedClock } from '../src/adapters/memory/fixed-clock.js';
import { AnalyticsService } from '../src/domain/analytics/analytics-service.js';
import type { Message, MessageId, SessionId } from '../src/domain/conversation/conversation.js';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 100_000);
const MESSAGES_PER_SESSION = 10;
const DAYS = 90;
const ZONE = process.env.BENCH_TIMEZONE ?? 'UTC';
const END = Date.UTC(2026, 2, 31);

const QUESTIONS = [
  'What are your specialties?',
  'How do you approach distributed systems design?',
  'Where are you based these days?',
  'Can you tell me about your work at Lumenfold Robotics?',
  'How do you set error budgets for a new service?',
  'I love your talk on observability, it was great!',
  'Which tools do you use for tracing and metrics',
  'Do you mentor engineers on TypeScript and Node.js?',
  'That deployment story sounds terrible, what went wrong?',
  'What is an internal developer platform, really?',
  '你对分布式系统有什么看法？',
  '¿Dónde trabajas actualmente?',
  'Are you open to advisory engagements?',
  'How did you learn event-driven architecture',
];
const ANSWER =
  'I have spent years building distributed systems and internal developer platforms; most of my work is about making production observable, setting sensible error budgets and helping teams ship safely.';

// Deterministic, so every run measures the same corpus.
let seed = 42;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}

async function writeCorpus(dataDir: string): Promise<number> {
  const dir = join(dataDir, 'sessions');
  await mkdir(dir, { recursive: true });
  let messages = 0;
  const batch: Promise<void>[] = [];
  for (let s = 0; s < SESSIONS; s++) {
    const id = `bench-${String(s).padStart(8, '0')}` as SessionId;
    let at = END - Math.floor(random() * DAYS * 86_400_000);
    const conversation: Message[] = [];
    for (let m = 0; m < MESSAGES_PER_SESSION; m++) {
      at += Math.floor(random() * 120_000);
      const user = m % 2 === 0;
      conversation.push({
        id: `${id}-${m}` as MessageId,
        seq: m + 1,
        role: user ? 'user' : 'assistant',
        content: user ? (QUESTIONS[Math.floor(random() * QUESTIONS.length)] as string) : ANSWER,
        timestamp: new Date(at).toISOString(),
      });
    }
    messages += conversation.length;
    const bytes = encodeMessages(conversation);
    const meta = {
      session_id: id,
      created_at: conversation[0]?.timestamp,
      last_updated: conversation.at(-1)?.timestamp,
      message_count: conversation.length,
      metadata: {},
      deleted_at: null,
      last_seq: conversation.length,
      jsonl_bytes: bytes.length,
    };
    batch.push(
      writeFile(join(dir, `${id}.jsonl`), bytes).then(() =>
        writeFile(join(dir, `${id}.meta.json`), `${JSON.stringify(meta)}\n`),
      ),
    );
    if (batch.length >= 64) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  return messages;
}

function service(dataDir: string): AnalyticsService {
  return new AnalyticsService({
    conversations: new FsConversationStore({ dataDir }),
    counters: new FsAnalyticsStore({ dataDir }),
    persona: new FsPersonaSource({ dir: 'persona' }),
    clock: new FixedClock(new Date(END)),
  });
}

async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await task();
  return { ms: performance.now() - started, value };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'twin-bench-analytics-'));
  try {
    process.stdout.write(`Writing ${SESSIONS} sessions x ${MESSAGES_PER_SESSION} messages...\n`);
    const written = await timed(() => writeCorpus(dataDir));
    process.stdout.write(`  ${written.value} messages written in ${(written.ms / 1000).toFixed(1)} s\n`);

    // The baseline: what answering from the conversations themselves costs (the reference re-read every file per request).
    const recompute = await timed(() => service(dataDir).rebuild());
    const rate = recompute.value.messages / (recompute.ms / 1000);

    // Counters, as a freshly started server sees them (snapshot read from disk), then warm.
    const cold = service(dataDir);
    const firstQuery = await timed(() =>
      Promise.all([cold.overview({ timeZone: ZONE }), cold.series({ days: 30, granularity: 'day', timeZone: ZONE })]),
    );
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) {
      warm.push(
        (
          await timed(() =>
            Promise.all([
              cold.overview({ timeZone: ZONE }),
              cold.series({ days: 30, granularity: 'day', timeZone: ZONE }),
            ]),
          )
        ).ms,
      );
    }
    const [overview, series] = firstQuery.value;
    if (overview.total_messages !== recompute.value.messages) throw new Error('counters disagree with the recompute');

    const query = median(warm);
    const lines = [
      `sessions ${recompute.value.conversations}, messages ${recompute.value.messages}, ${series.points.length} days shown, zone ${ZONE}`,
      `full recompute (read + analyse every conversation): ${(recompute.ms / 1000).toFixed(2)} s = ${Math.round(rate).toLocaleString('en-US')} messages/s`,
      `global analytics + 30-day daily series from counters: first query after start ${firstQuery.ms.toFixed(1)} ms, then median ${query.toFixed(2)} ms`,
      `ratio: recompute / counter query = ${Math.round(recompute.ms / query).toLocaleString('en-US')}x (first query: ${Math.round(recompute.ms / firstQuery.ms).toLocaleString('en-US')}x)`,
      `top topics: ${overview.top_topics
        .slice(0, 5)
        .map((t) => `${t.topic} (${t.count})`)
        .join(', ')}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
