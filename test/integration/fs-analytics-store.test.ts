import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsAnalyticsStore } from '../../src/adapters/filesystem/fs-analytics-store.js';
import { emptyCounters } from '../../src/domain/analytics/analytics-counters.js';

const dirs: string[] = [];
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'twin-fs-analytics-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
});

/** Counters of one quarter holding `messages` messages. */
const quarterOf = (messages: number) => ({ ...emptyCounters(), messages });

const delta = (quarter: number, messages: number, topic = 'kafka') => ({
  quarters: new Map([[quarter, { messages }]]),
  topics: new Map([[topic, 1]]),
});

describe('FsAnalyticsStore', () => {
  it('never loses a concurrent add', async () => {
    const dir = await dataDir();
    const store = new FsAnalyticsStore({ dataDir: dir, compactEvery: 7 });
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.add(delta(i % 3, 1))));
    const reopened = new FsAnalyticsStore({ dataDir: dir });
    const buckets = await reopened.buckets();
    expect(buckets.reduce((n, b) => n + b.counters.messages, 0)).toBe(100);
    expect((await reopened.topics()).get('kafka')).toBe(100);
  });

  it('skips a torn last line and keeps counting after it', async () => {
    const dir = await dataDir();
    const store = new FsAnalyticsStore({ dataDir: dir });
    await store.add(delta(5, 2));
    const log = (await readdir(join(dir, 'analytics'))).find((n) => n.endsWith('.log.jsonl')) as string;
    await appendFile(join(dir, 'analytics', log), '{"q":[[5,{"messages":');
    const afterCrash = new FsAnalyticsStore({ dataDir: dir });
    expect((await afterCrash.buckets())[0]?.counters.messages).toBe(2);
    await afterCrash.add(delta(5, 3));
    expect((await new FsAnalyticsStore({ dataDir: dir }).buckets())[0]?.counters.messages).toBe(5);
  });

  it('replace swaps in a rebuilt tally and survives a restart', async () => {
    const dir = await dataDir();
    const store = new FsAnalyticsStore({ dataDir: dir });
    await store.add(delta(1, 4, 'stale'));
    await store.replace({ quarters: new Map(), topics: new Map([['fresh', 2]]), quality: new Map() });
    const reopened = new FsAnalyticsStore({ dataDir: dir });
    expect(await reopened.buckets()).toEqual([]);
    expect([...(await reopened.topics())]).toEqual([['fresh', 2]]);
  });

  it('follows a rebuild made by another process on the same folder: no count is appended to a retired log', async () => {
    const dir = await dataDir();
    const server = new FsAnalyticsStore({ dataDir: dir });
    await server.add(delta(1, 10));
    // `twin analytics rebuild` in another process: a new snapshot generation, old logs removed.
    const cli = new FsAnalyticsStore({ dataDir: dir });
    await cli.replace({ quarters: new Map([[1, quarterOf(20)]]), topics: new Map(), quality: new Map() });
    await server.add(delta(1, 1));
    const total = async (store: FsAnalyticsStore) =>
      (await store.buckets()).reduce((n, b) => n + b.counters.messages, 0);
    expect(await total(server)).toBe(21);
    expect(await total(new FsAnalyticsStore({ dataDir: dir }))).toBe(21);
  });
});
