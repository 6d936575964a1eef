import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../../src/adapters/memory/hashing-embedder.js';
import { StaticPersonaSource } from '../../src/adapters/memory/static-persona-source.js';
import { ListenError } from '../../src/app/listen.js';
import { type RunningServer, startServer } from '../../src/app/server.js';
import { ModelUnavailable } from '../../src/domain/errors.js';
import { testConfig } from '../support/http-fixture.js';
import { testPersona } from '../support/personas.js';

const started: { close(): Promise<void> | void }[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

/** A plain TCP listener holding a loopback port, as another program would. */
async function occupyPort(): Promise<number> {
  const holder: Server = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  started.push({ close: () => new Promise<void>((resolve) => holder.close(() => resolve())) });
  return (holder.address() as AddressInfo).port;
}

function start(env: Record<string, string>): Promise<RunningServer> {
  return startServer(testConfig({ HOST: '127.0.0.1', ...env }), { persona: new StaticPersonaSource(testPersona()) });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    const running = (await promise) as RunningServer;
    started.push(running);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the server started although it should not have');
}

describe('starting on a port that is not free', () => {
  it('rejects in one line naming PORT and the fix', async () => {
    const port = await occupyPort();
    const error = await failure(start({ PORT: String(port) }));
    expect(error).toBeInstanceOf(ListenError);
    expect(error.message).toBe(
      `port ${port} is already in use (PORT): stop the program using it or set PORT to a free port`,
    );
  });

  it('names TWIN_METRICS_PORT when that one is taken', async () => {
    const taken = await occupyPort();
    const error = await failure(start({ PORT: '0', TWIN_METRICS: 'prometheus', TWIN_METRICS_PORT: String(taken) }));
    expect(error).toBeInstanceOf(ListenError);
    expect(error.message).toMatch(new RegExp(`^port ${taken} is already in use \\(TWIN_METRICS_PORT\\)`));
  });

  it('names HOST when it is not an address of this machine', async () => {
    // 192.0.2.1 is TEST-NET-1: never assigned to a host, and binding to it sends nothing.
    const error = await failure(start({ PORT: '0', HOST: '192.0.2.1' }));
    expect(error).toBeInstanceOf(ListenError);
    expect(error.message).toMatch(/^cannot listen on 192\.0\.2\.1 \(HOST\)/);
  });

  it('still starts normally on a free port', async () => {
    const running = await start({ PORT: '0' });
    started.push(running);
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
  });
});

describe('preparing the model before listening', () => {
  it('embeds the persona passages before the server listens: the first visitor embeds no passage again, only the question and single words', async () => {
    // Records what it is asked to embed: the offline answer choice also compares single words
    // (each once per persona version), never a whole passage again.
    const texts: string[] = [];
    const embedder = new (class extends HashingEmbedder {
      override async embed(batch: readonly string[]) {
        texts.push(...batch);
        return super.embed(batch);
      }
    })();
    const running = await startServer(testConfig({ HOST: '127.0.0.1', PORT: '0' }), {
      persona: new StaticPersonaSource(testPersona()),
      embedder,
    });
    started.push(running);
    const passages = [...texts];
    expect(passages.length).toBeGreaterThan(3);
    const res = await fetch(`${running.url}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Where do you work?' }),
    });
    expect(res.status).toBe(200);
    const asked = texts.slice(passages.length);
    expect(asked.filter((text) => passages.includes(text) && /\s/.test(text))).toEqual([]);
    // The question (and its focus words) as text; everything else one word each.
    expect(asked.filter((text) => /\s/.test(text)).length).toBeLessThanOrEqual(2);
  });

  it('starts when the embedding model cannot load: answers fall back to words', async () => {
    const broken = {
      name: 'broken',
      dimension: 8,
      embed: async () => {
        throw new ModelUnavailable('no model here');
      },
    };
    const running = await startServer(testConfig({ HOST: '127.0.0.1', PORT: '0' }), {
      persona: new StaticPersonaSource(testPersona()),
      embedder: broken,
    });
    started.push(running);
    const res = await fetch(`${running.url}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Where do you work?' }),
    });
    expect(res.status).toBe(200);
  });
});
