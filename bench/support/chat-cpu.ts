// The twin's own CPU time per chat, in process: the same wiring as the bench server (hosted-model
// stand-in at OPENAI_BASE_URL, filesystem store in a temp dir, limits off), TwinService.chat called
// over BENCH_SESSIONS sessions. process.cpuUsage() counts every thread of this process (the libuv
// pool's file I/O included) and not the stand-in's, and CPU time barely moves with the machine's
// load, unlike wall-clock time. Prints one JSON line. BENCH_PROF=<file> writes a CPU profile of the
// measured chats only (not the start-up or the warm-up).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { TOKENS } from '../../src/app/tokens.js';
import { standInTwinEnv } from './bench-env.js';
import { startProfile } from './inspector-profile.js';

const WARMUP = Number(process.env.BENCH_WARMUP ?? 600);
const CHATS = Number(process.env.BENCH_CHATS ?? 1500);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 64);
const STREAM = process.env.BENCH_STREAM === '1';

const dataDir = mkdtempSync(join(tmpdir(), 'twin-cpu-'));
const personaDir = join(dataDir, 'persona');
cpSync('persona', personaDir, { recursive: true });
const config = loadConfig({
  TWIN_DATA_DIR: dataDir,
  TWIN_PERSONA_DIR: personaDir,
  ...standInTwinEnv(process.env.OPENAI_BASE_URL),
});
const container = buildContainer(config);
const service = container.get(TOKENS.TwinService);
const sessions = Array.from({ length: SESSIONS }, () => crypto.randomUUID());

async function chat(i: number): Promise<void> {
  const input = { message: 'What do you do at work these days?', session_id: sessions[i % SESSIONS] };
  if (!STREAM) {
    await service.chat(input);
    return;
  }
  for await (const _ of service.chatStream(input)) {
    // drained
  }
}

for (let i = 0; i < WARMUP; i++) await chat(i);
const profiler = process.env.BENCH_PROF ? await startProfile() : undefined;
const before = process.cpuUsage();
const started = performance.now();
for (let i = 0; i < CHATS; i++) await chat(i);
const cpu = process.cpuUsage(before);
const wall = performance.now() - started;
await profiler?.stop(process.env.BENCH_PROF as string);
const store = container.get(TOKENS.Store) as { close?: () => Promise<void> };
await store.close?.();
rmSync(dataDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    chats: CHATS,
    cpu_us_per_chat: (cpu.user + cpu.system) / CHATS,
    user_us_per_chat: cpu.user / CHATS,
    system_us_per_chat: cpu.system / CHATS,
    wall_ms: wall,
  }),
);
process.exit(0);
