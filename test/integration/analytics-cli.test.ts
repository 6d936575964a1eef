import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import type { MessageId, SessionId } from '../../src/domain/conversation/conversation.js';
import { runTwin } from '../support/cli.js';

const DAY_MS = 86_400_000;
let scratch: string;
let env: Record<string, string>;
// Three days ago (UTC), so the default chart range holds it whatever day the test runs.
const day = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - 3 * DAY_MS).toISOString().slice(0, 10);
const nextDay = new Date(Date.parse(day) + DAY_MS).toISOString().slice(0, 10);

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'twin-analytics-cli-'));
  const dataDir = join(scratch, 'data');
  await cp('persona', join(scratch, 'persona'), { recursive: true });
  env = { TWIN_STORE: 'filesystem', TWIN_DATA_DIR: dataDir, TWIN_PERSONA_DIR: join(scratch, 'persona') };
  const store = new FsConversationStore({ dataDir, metaDelayMs: 0 });
  const messages = ['10:10', '10:50', '18:45'].flatMap((time, i) => [
    {
      id: `q${i}` as MessageId,
      role: 'user' as const,
      content: 'Where do you work?',
      timestamp: `${day}T${time}:00.000Z`,
    },
    {
      id: `a${i}` as MessageId,
      role: 'assistant' as const,
      content: 'In Lisbon.',
      timestamp: `${day}T${time}:00.000Z`,
    },
  ]);
  await store.append('cli-analytics-session-0001' as SessionId, messages);
  await store.close?.();
  // Counters as an earlier version left them: per UTC hour, and wrong.
  await mkdir(join(dataDir, 'analytics'), { recursive: true });
  const hour = Date.parse(`${day}T10:00:00Z`) / 3_600_000;
  await writeFile(
    join(dataDir, 'analytics', 'counters.json'),
    JSON.stringify({ generation: 0, hours: [[hour, { sessions: 1, messages: 99 }]], topics: [['stale', 9]] }),
  );
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true, maxRetries: 5 });
});

describe('twin analytics', () => {
  it('rebuild rewrites old hour counters as quarter-hours; the chart labels days in the zone asked for', {
    timeout: 90_000,
  }, async () => {
    const before = await runTwin(['analytics', '--json'], { env });
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout).overview.total_messages).toBe(99);

    const rebuild = await runTwin(['analytics', 'rebuild'], { env });
    expect(rebuild.code).toBe(0);
    expect(rebuild.stdout).toContain('Rebuilt analytics from 1 conversations (6 messages)');
    const snapshot = JSON.parse(
      await readFile(join(env.TWIN_DATA_DIR as string, 'analytics', 'counters.json'), 'utf8'),
    );
    expect(snapshot.hours).toBeUndefined();
    expect(
      snapshot.quarters.map(([quarter]: [number]) => new Date(quarter * 900_000).toISOString().slice(11, 16)),
    ).toEqual(['10:00', '10:45', '18:45']);

    const kolkata = await runTwin(['analytics', '--timezone', 'Asia/Kolkata', '--days', '7'], { env });
    expect(kolkata.code).toBe(0);
    expect(kolkata.stdout).toMatch(/Busiest hours \(Asia\/Kolkata\)\s+00:00 \(2\), 15:00 \(2\), 16:00 \(2\)/);
    expect(kolkata.stdout).toMatch(/Busiest weekdays\s+\w+ \(4\), \w+ \(2\)/);
    expect(kolkata.stdout).toContain('Messages per day (Asia/Kolkata)');
    expect(kolkata.stdout).toMatch(new RegExp(`\\n\\s+${day}\\s+4 █+\\n\\s+${nextDay}\\s+2 █+\\n`));
  });
});
