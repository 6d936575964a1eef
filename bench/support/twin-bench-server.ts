// Child process for bench/twin-aims.ts: the twin as deployed on a server (config from the
// environment: TWIN_MODEL=openai against the loopback stand-in, filesystem store in a temp dir,
// limits off), listening on 127.0.0.1. It prints {"port", "dataDir"} on its first stdout line and
// answers IPC messages 'cpu' with its own CPU time, so the bench can charge CPU per request.
import { cpSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { standInTwinEnv } from './bench-env.js';
import { startProfile } from './inspector-profile.js';

const dataDir = mkdtempSync(join(tmpdir(), 'twin-bench-'));
// The persona is copied, so nothing the twin might write lands in the repository's folder.
const personaDir = join(dataDir, 'persona');
cpSync('persona', personaDir, { recursive: true });

const config = loadConfig({
  TWIN_DATA_DIR: dataDir,
  TWIN_PERSONA_DIR: personaDir,
  TWIN_ADMIN_TOKEN: 'bench-token',
  ...standInTwinEnv(process.env.OPENAI_BASE_URL),
});
const container = buildContainer(config);
const server = createApp(container).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port, dataDir })}\n`);

let profiler: Awaited<ReturnType<typeof startProfile>> | undefined;
process.on('message', async (message: string) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  // 'profile' starts V8's profiler; 'profile:<file>' writes what it saw since.
  if (message === 'profile') profiler = await startProfile();
  if (message.startsWith('profile:')) await profiler?.stop(message.slice('profile:'.length));
  if (message.startsWith('profile')) process.send?.({ profile: 'ok' });
});
process.on('SIGTERM', async () => {
  const store = container.get(Symbol.for('ConversationStore')) as { close?: () => Promise<void> };
  await store.close?.();
  process.exit(0);
});
