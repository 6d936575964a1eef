// Child process for bench/http-chat.ts: the twin app (filesystem store, instant model) and a bare
// Koa JSON route, in one process, so both are measured under the same conditions.
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import { InMemoryConversationStore } from '../../src/adapters/memory/in-memory-conversation-store.js';
import { silentLogger } from '../../src/adapters/memory/recording-logger.js';
import { ScriptedChatModel } from '../../src/adapters/memory/scripted-chat-model.js';
import { loadConfig } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { LIMITS_OFF } from './bench-env.js';

const dataDir = mkdtempSync(join(tmpdir(), 'twin-bench-'));
// Limits off, as in a load test: the bench measures the chat path, not the limiter's refusals.
const config = loadConfig({
  TWIN_DATA_DIR: dataDir,
  TWIN_MODEL: 'offline',
  TWIN_ADMIN_TOKEN: 'bench-token',
  LOG_LEVEL: 'silent',
  TWIN_METRICS: 'none',
  TWIN_STORE: process.env.BENCH_STORE === 'memory' ? 'memory' : 'filesystem',
  ...LIMITS_OFF,
});
const twin = createApp(
  buildContainer(config, {
    // BENCH_STORE=memory isolates the cost of the disk from the rest of the chat path.
    store:
      process.env.BENCH_STORE === 'memory' ? new InMemoryConversationStore() : new FsConversationStore({ dataDir }),
    model: new ScriptedChatModel('An instant answer from the bench model.'),
    logger: silentLogger,
  }),
).listen(0, '127.0.0.1');

const bare = new Koa();
bare.use((ctx) => {
  ctx.body = { response: 'An instant answer from the bench model.', session_id: 'bench', grounded: true };
});
const bareServer = bare.listen(0, '127.0.0.1');

await Promise.all([twin, bareServer].map((s) => new Promise((resolve) => s.once('listening', resolve))));
process.stdout.write(
  `${JSON.stringify({ twin: (twin.address() as AddressInfo).port, bare: (bareServer.address() as AddressInfo).port, dataDir })}\n`,
);
process.on('SIGTERM', () => process.exit(0));
