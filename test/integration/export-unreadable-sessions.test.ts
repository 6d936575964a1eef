import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { link, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { testConfig } from '../support/http-fixture.js';
import { copySamplePersona } from '../support/sample-persona.js';

// The owner's listing and export read sessions a few ahead. Sessions that cannot be read (a FIFO,
// a hard link to a file elsewhere) fail the export with 503; one failing while it waits its turn
// was an unhandled rejection, and Node ended the whole server (attack pass 3, F1).
let root: string;
let dataDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twin-export-unreadable-'));
  dataDir = join(root, 'data');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

describe('an export over sessions that cannot be read', () => {
  it('answers 503 and the server goes on answering; the store iterator fails without an unhandled rejection', async () => {
    const config = testConfig({
      TWIN_STORE: 'filesystem',
      TWIN_DATA_DIR: dataDir,
      TWIN_PERSONA_DIR: copySamplePersona(root),
    });
    const request = supertest(createApp(buildContainer(config)).callback());
    // Only unreadable sessions: the first one read fails, so the answer is a 503 every time (a
    // readable first session would start a 200 download that is then cut), while the others,
    // read ahead at the same time, fail before their turn: what ended the server.
    const sessions = join(dataDir, 'sessions');
    await mkdir(sessions, { recursive: true });
    const outside = join(root, 'outside.jsonl');
    await writeFile(outside, '');
    for (let i = 0; i < 4; i++) execFileSync('mkfifo', [join(sessions, `${randomUUID()}.jsonl`)]);
    for (let i = 0; i < 2; i++) await link(outside, join(sessions, `${randomUUID()}.jsonl`));
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      const admin = { Authorization: `Bearer ${config.adminToken}` };
      for (let attempt = 0; attempt < 3; attempt++) {
        const exported = await request.get('/analytics/export').set(admin);
        expect(exported.status).toBe(503);
        expect(exported.body.error.code).toBe('store_unavailable');
      }
      const store = new FsConversationStore({ dataDir });
      await expect(
        (async () => {
          for await (const _ of store.conversations()) {
            // drained
          }
        })(),
      ).rejects.toMatchObject({ code: 'store_unavailable' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      await request.post('/chat').send({ message: 'Still there?' }).expect(200);
    } finally {
      process.off('unhandledRejection', note);
    }
  });
});
