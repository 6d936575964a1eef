import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { WebhookNotifier } from '../../src/adapters/webhook/webhook-notifier.js';
import { gapAsked, newGap } from '../../src/domain/knowledge/knowledge-gaps.js';

const gap = newGap(gapAsked('Do you have a dog?', new Date('2026-01-01T00:00:00Z')));

describe('WebhookNotifier', () => {
  it('gives up after its timeout and logs, without throwing', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const server = createServer(() => {}); // never answers
    server.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const logger = new RecordingLogger();
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      await new WebhookNotifier({ url, timeoutMs: 100, logger }).notify({ type: 'knowledge_gap', gap });
      expect(logger.entries).toEqual([
        expect.objectContaining({
          level: 'warn',
          message: 'webhook failed',
          fields: { reason: 'TimeoutError', type: 'knowledge_gap' },
        }),
      ]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('logs an unreachable endpoint without throwing', async () => {
    const logger = new RecordingLogger();
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    await new WebhookNotifier({ url: 'http://127.0.0.1:9/hook', logger }).notify({ type: 'knowledge_gap', gap });
    expect(logger.entries[0]).toMatchObject({ level: 'warn', message: 'webhook failed' });
  });
});
