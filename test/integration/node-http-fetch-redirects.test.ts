import type { ServerResponse } from 'node:http';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpFetch } from '../../src/adapters/openai/node-http-fetch.js';
import { OpenAiChatModel } from '../../src/adapters/openai/openai-chat-model.js';
import type { ChatStreamEvent } from '../../src/ports/chat-model.js';
import { chunk, completionBody, deferred } from '../support/fake-openai-server.js';
import { LoopbackUpstream, oneQuestion, type SeenRequest } from '../support/loopback-upstream.js';

// Redirects as the built-in fetch follows them, against real servers on 127.0.0.1: `origin` answers
// a redirect, `target` (another origin) or `origin` itself answers the request that follows.
const STATUSES = [301, 302, 303, 307, 308] as const;
let origin: LoopbackUpstream;
let target: LoopbackUpstream;
const hangReached = deferred();

function handle(request: SeenRequest, res: ServerResponse): void {
  const url = new URL(request.url, 'http://x');
  const redirect = /^\/s(\d{3})\/(same|cross)(\/.*)$/.exec(url.pathname);
  if (redirect) {
    const [, status, where, rest] = redirect as unknown as [string, string, string, string];
    const stream = request.body.includes('"stream":true');
    const location = `${where === 'cross' ? target.origin : ''}${rest}?stream=${stream}`;
    res.writeHead(Number(status), { location, 'content-type': 'text/plain' }).end('moved');
  } else if (url.pathname === '/v1/chat/completions') {
    answerCompletion(url.searchParams.get('stream') === 'true', res);
  } else if (url.pathname === '/echo') {
    const { method, body, headers } = request;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        method,
        body,
        authorization: headers.authorization ?? null,
        type: headers['content-type'] ?? null,
      }),
    );
  } else if (url.pathname.startsWith('/loop')) {
    res.writeHead(302, { location: url.pathname }).end();
  } else if (url.pathname === '/no-location') {
    res.writeHead(302, { 'content-type': 'text/plain' }).end('moved, but not saying where');
  } else if (url.pathname === '/ftp') {
    res.writeHead(307, { location: 'ftp://127.0.0.1/file' }).end();
  } else if (url.pathname === '/to-hang') {
    res.writeHead(307, { location: `${target.origin}/hang` }).end();
  } else if (url.pathname === '/hang') {
    hangReached.resolve();
  }
}

function answerCompletion(stream: boolean, res: ServerResponse): void {
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(completionBody('twin', 'Redirected answer.', null)));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const token of ['Redirected', ' answer.'])
    res.write(`data: ${JSON.stringify(chunk('twin', { content: token }))}\n\n`);
  res.write(`data: ${JSON.stringify(chunk('twin', {}, 'stop'))}\n\n`);
  res.end('data: [DONE]\n\n');
}

beforeAll(async () => {
  origin = await LoopbackUpstream.start(handle);
  target = await LoopbackUpstream.start(handle);
});

afterAll(async () => {
  await origin?.close();
  await target?.close();
});

/** What the server behind the redirect saw, through one fetch implementation. */
async function echoed(implementation: typeof fetch, status: number, where: 'same' | 'cross') {
  const response = await implementation(`${origin.origin}/s${status}/${where}/echo`, {
    method: 'POST',
    headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    body: '{"question":"é"}',
  });
  return { status: response.status, seen: await response.json() };
}

describe('nodeHttpFetch follows redirects as the built-in fetch does', () => {
  for (const status of STATUSES) {
    for (const where of ['same', 'cross'] as const) {
      it(`${status} to the ${where} origin`, async () => {
        const ours = await echoed(nodeHttpFetch, status, where);
        expect(ours).toEqual(await echoed(fetch, status, where));
        const kept = status === 307 || status === 308;
        expect(ours.seen).toMatchObject({
          method: kept ? 'POST' : 'GET',
          body: kept ? '{"question":"é"}' : '',
          type: kept ? 'application/json' : null,
          authorization: where === 'same' ? 'Bearer k' : null,
        });
      });
    }
  }

  it('gives up after 20 redirects with a network error, as fetch does', async () => {
    const before = origin.seen.length;
    const failure = await nodeHttpFetch(`${origin.origin}/loop`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect(((failure as TypeError).cause as Error).message).toBe('redirect count exceeded');
    const ours = origin.seen.length - before;
    await expect(fetch(`${origin.origin}/loop`)).rejects.toThrow(TypeError);
    expect(ours).toBe(21);
    expect(origin.seen.length - before - ours).toBe(ours);
  });

  it('returns a redirect without a Location as it is, and refuses a non-HTTP Location', async () => {
    const response = await nodeHttpFetch(`${origin.origin}/no-location`);
    expect(response.status).toBe(302);
    expect(await response.text()).toBe('moved, but not saying where');
    await expect(nodeHttpFetch(`${origin.origin}/ftp`)).rejects.toThrow(TypeError);
    await expect(fetch(`${origin.origin}/ftp`)).rejects.toThrow(TypeError);
  });

  it('leaves a redirect to the built-in fetch when asked not to follow it', async () => {
    const response = await nodeHttpFetch(`${origin.origin}/s307/cross/echo`, { method: 'post', redirect: 'manual' });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe(`${target.origin}/echo?stream=false`);
  });

  it('follows a lower-case post as fetch does (its method normalised)', async () => {
    const ours = await nodeHttpFetch(`${origin.origin}/s302/same/echo`, { method: 'post', body: 'x' });
    expect(await ours.json()).toMatchObject({ method: 'GET', body: '' });
  });

  it('honours the abort signal after a redirect', async () => {
    const controller = new AbortController();
    const pending = nodeHttpFetch(`${origin.origin}/to-hang`, { signal: controller.signal });
    await hangReached.promise;
    const reason = new Error('visitor left');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});

describe('the OpenAI SDK and the adapter behind a redirecting upstream', () => {
  for (const status of STATUSES) {
    const baseURL = () => `${origin.origin}/s${status}/cross/v1`;

    it(`${status}: the SDK gets the answer, as JSON and as a stream`, async () => {
      const client = new OpenAI({ apiKey: 'k', baseURL: baseURL(), fetch: nodeHttpFetch, maxRetries: 0 });
      const completion = await client.chat.completions.create({
        model: 'twin',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(completion.choices[0]?.message.content).toBe('Redirected answer.');
      const stream = await client.chat.completions.create({
        model: 'twin',
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
      });
      let text = '';
      for await (const part of stream) text += part.choices[0]?.delta.content ?? '';
      expect(text).toBe('Redirected answer.');
    });

    it(`${status}: the adapter answers, as JSON and as a stream`, async () => {
      const model = new OpenAiChatModel({ apiKey: 'k', baseURL: baseURL(), maxRetries: 0, timeoutMs: 5_000 });
      expect((await model.complete(oneQuestion())).text).toBe('Redirected answer.');
      const tokens: string[] = [];
      for await (const event of model.stream(oneQuestion()) as AsyncIterable<ChatStreamEvent>) {
        if (event.type === 'token') tokens.push(event.text);
      }
      expect(tokens.join('')).toBe('Redirected answer.');
    });
  }

  it('a redirect loop is model_unavailable through the adapter, not a hang', async () => {
    const model = new OpenAiChatModel({
      apiKey: 'k',
      baseURL: `${origin.origin}/loop`,
      maxRetries: 0,
      timeoutMs: 5_000,
    });
    const before = origin.seen.length;
    await expect(model.complete(oneQuestion())).rejects.toMatchObject({ code: 'model_unavailable' });
    expect(origin.seen.length - before).toBe(21);
  });
});
