import { chmod, cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { SystemClock } from '../../src/adapters/system/system-clock.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import type { Clock } from '../../src/ports/clock.js';
import { type LocalDynamo, startDynalite } from '../support/dynalite.js';
import { freshTable, localClients } from '../support/dynamo-tables.js';
import { ADMIN_TOKEN, testConfig } from '../support/http-fixture.js';
import { startMoto } from '../support/moto.js';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const SAMPLE = fileURLToPath(new URL('../../persona', import.meta.url));
type Server = Parameters<typeof request>[0];

async function ask(server: Server, message: string) {
  return (await request(server).post('/chat').send({ message }).expect(200)).body as {
    response: string;
    grounded: boolean;
  };
}

/** Every file under `dir` with its bytes and mode: what "nothing was written here" is checked against. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const info = await stat(file);
    files[path.relative(dir, file)] =
      `${info.mode.toString(8)} ${entry.isFile() ? await readFile(file, 'base64') : ''}`;
  }
  return files;
}

async function chmodTree(dir: string, fileMode: number, dirMode: number): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    await chmod(path.join(entry.parentPath, entry.name), entry.isDirectory() ? dirMode : fileMode);
  }
  await chmod(dir, dirMode);
}

const servers: [string, () => Promise<LocalDynamo>][] = [
  ['dynalite', startDynalite],
  ['moto', startMoto],
];

describe.each(servers)('two instances on one DynamoDB table (%s), each with its own read-only persona', (_, start) => {
  let dynamo: LocalDynamo;
  let root: string;
  let before: Record<string, string>;
  const drops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    dynamo = await start();
    root = await mkdtemp(path.join(tmpdir(), 'twin-two-instances-'));
    for (const name of ['a', 'b']) {
      await cp(SAMPLE, path.join(root, name), { recursive: true });
      await rm(path.join(root, name, 'answers.md'), { force: true });
      // Read-only as on Lambda. (Root ignores modes, so the snapshot below is the real check.)
      await chmodTree(path.join(root, name), 0o444, 0o555);
    }
    before = { ...(await snapshot(path.join(root, 'a'))), ...(await snapshot(path.join(root, 'b'))) };
  });

  afterAll(async () => {
    for (const drop of drops) await drop();
    if (root) {
      for (const name of ['a', 'b']) await chmodTree(path.join(root, name), 0o644, 0o755);
      await rm(root, { recursive: true, force: true, maxRetries: 5 });
    }
    await dynamo?.stop();
  });

  async function instances(env: Record<string, string>, clocks: readonly [Clock, Clock]) {
    const { raw } = localClients(dynamo.endpoint);
    const table = await freshTable(raw, 'answers');
    drops.push(async () => {
      await table.drop();
      raw.destroy();
    });
    return (['a', 'b'] as const).map((name, i) =>
      createApp(
        buildContainer(
          testConfig({
            TWIN_STORE: 'dynamodb',
            DYNAMODB_ENDPOINT: dynamo.endpoint,
            DYNAMODB_TABLE_NAME: table.name,
            TWIN_PERSONA_DIR: path.join(root, name),
            TWIN_DATA_DIR: path.join(root, `data-${name}`),
            ...env,
          }),
          { clock: clocks[i], logger: new RecordingLogger() },
        ),
      ).callback(),
    ) as [Server, Server];
  }

  it('answer on one instance; the other answers the next visitor with it within the refresh interval', async () => {
    const clockA = new FixedClock('2026-03-04T05:06:07.000Z');
    const clockB = new FixedClock('2026-03-04T05:06:07.000Z');
    const [a, b] = await instances({ TWIN_ANSWERS_REFRESH_SECONDS: '5' }, [clockA, clockB]);

    const unknown = await ask(a, 'Do you have a cat?');
    expect(unknown.grounded).toBe(false);
    // The gap asked on A is listed on B, and answered there.
    const [gap] = (await request(b).get('/analytics/knowledge-gaps').set(admin).expect(200)).body.gaps;
    expect(gap.question).toBe('Do you have a cat?');
    await request(b)
      .post(`/analytics/knowledge-gaps/${gap.id}/answer`)
      .set(admin)
      .send({ answer: 'Yes: a grey cat called Tensor.' })
      .expect(200);
    expect((await ask(b, 'Do you have a cat?')).response).toContain('Tensor');

    // A read the answers' version with its first message: it does not read again per message...
    clockA.advance(4999);
    expect((await ask(a, 'Do you have a cat?')).grounded).toBe(false);
    // ...but once the interval has passed, its next visitor gets the answer.
    clockA.advance(1);
    const next = await ask(a, 'Do you have a cat?');
    expect(next).toMatchObject({ grounded: true });
    expect(next.response).toContain('Tensor');

    // An edit on A and a delete on B reach the other instance the same way.
    const [answer] = (await request(a).get('/knowledge/answers').set(admin).expect(200)).body.answers;
    await request(a)
      .put(`/knowledge/answers/${answer.id}`)
      .set(admin)
      .send({ answer: 'Yes: Tensor, who ignores me.' })
      .expect(200);
    clockB.advance(5000);
    expect((await ask(b, 'Do you have a cat?')).response).toContain('ignores me');
    await request(b).delete(`/knowledge/answers/${answer.id}`).set(admin).expect(204);
    clockA.advance(5000);
    expect((await ask(a, 'Do you have a cat?')).grounded).toBe(false);

    // Neither persona folder was written: the answers live in the table only.
    expect({ ...(await snapshot(path.join(root, 'a'))), ...(await snapshot(path.join(root, 'b'))) }).toEqual(before);
  });

  it('with the real clock and a short interval, the other instance picks the answer up by itself', async () => {
    const clock = new SystemClock();
    const [a, b] = await instances({ TWIN_ANSWERS_REFRESH_SECONDS: '0.2' }, [clock, clock]);
    expect((await ask(a, 'Do you keep bees?')).grounded).toBe(false);
    const [gap] = (await request(b).get('/analytics/knowledge-gaps').set(admin).expect(200)).body.gaps;
    await request(b)
      .post(`/analytics/knowledge-gaps/${gap.id}/answer`)
      .set(admin)
      .send({ answer: 'Two hives on the roof, named Ada and Grace.' })
      .expect(200);
    await expect
      .poll(async () => (await ask(a, 'Do you keep bees?')).response, { timeout: 30_000, interval: 100 })
      .toContain('Two hives');
  });
});
