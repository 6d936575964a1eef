import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { link, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import type { MessageId, SessionId } from '../../src/domain/conversation/conversation.js';
import { runTwin } from '../support/cli.js';
import { copySamplePersona } from '../support/sample-persona.js';

// CLI output paths: `twin export --output X` writes X.partial afresh (O_EXCL | O_NOFOLLOW) and
// renames it; `twin answers export --out X` refuses a link or hard link at X with one line and
// exit code 1. Neither writes through a link: the file elsewhere keeps its bytes.

const ORIGINAL = 'outside, must not change\n';
let root: string;
let outside: string;
let env: Record<string, string>;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twin-cli-links-'));
  outside = join(root, 'outside.txt');
  await writeFile(outside, ORIGINAL);
  env = { TWIN_STORE: 'filesystem', TWIN_DATA_DIR: join(root, 'data'), TWIN_PERSONA_DIR: copySamplePersona(root) };
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

const plants: Record<string, (at: string) => Promise<void>> = {
  'a symbolic link to a file elsewhere': (at) => symlink(outside, at),
  'a hard link to a file elsewhere': (at) => link(outside, at),
};

describe.each(Object.entries(plants))('%s', (_kind, plant) => {
  it('at X.partial: twin export --output X writes X, not the file elsewhere', async () => {
    const store = new FsConversationStore({ dataDir: env.TWIN_DATA_DIR as string });
    await store.append('exported-session' as SessionId, [
      { id: 'm-1' as MessageId, role: 'user', content: 'exported words', timestamp: new Date(0).toISOString() },
    ]);
    await store.close();
    const out = join(root, 'all.ndjson');
    await plant(`${out}.partial`);
    const result = await runTwin(['export', '--output', out], { env, timeoutMs: 60_000 });
    expect(result.code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('exported words');
    expect(await readFile(outside, 'utf8')).toBe(ORIGINAL);
    await expect(stat(`${out}.partial`)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 90_000);

  it('at the path: twin answers export --out refuses it in one line, exit 1, writing nothing', async () => {
    const out = join(root, 'answers.md');
    await plant(out);
    const result = await runTwin(['answers', 'export', '--out', out], { env, timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^twin: .*answers\.md (is a symbolic link|has 2 hard links).*nothing was written/u);
    expect(await readFile(outside, 'utf8')).toBe(ORIGINAL);
  }, 90_000);
});

describe('twin export --output naming a folder', () => {
  it('refuses in one line before exporting, exit 1, no partial left', async () => {
    const out = join(root, 'a-folder');
    await mkdir(out);
    const result = await runTwin(['export', '--output', out], { env, timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^twin: --output .*a-folder is a folder/u);
    await expect(stat(`${out}.partial`)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 90_000);
});

describe('twin export when a session cannot be read part way', () => {
  it('exits 1 with one line and leaves neither the file nor its partial', async () => {
    const store = new FsConversationStore({ dataDir: env.TWIN_DATA_DIR as string });
    for (let i = 0; i < 40; i++) {
      await store.append(randomUUID() as SessionId, [
        { id: 'm-1' as MessageId, role: 'user', content: `words ${i}`, timestamp: new Date(0).toISOString() },
      ]);
    }
    await store.close();
    for (let i = 0; i < 6; i++)
      execFileSync('mkfifo', [join(env.TWIN_DATA_DIR as string, 'sessions', `${randomUUID()}.jsonl`)]);
    const out = join(root, 'all.ndjson');
    const result = await runTwin(['export', '--output', out], { env, timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/ERR_STREAM_DESTROYED|\n\s+at /u);
    expect(result.stderr).toMatch(/^twin: /mu);
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(`${out}.partial`)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 90_000);
});
