import type { ServerResponse } from 'node:http';
import type { Transform } from 'node:stream';
import zlib from 'node:zlib';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpFetch } from '../../src/adapters/openai/node-http-fetch.js';
import { OpenAiChatModel } from '../../src/adapters/openai/openai-chat-model.js';
import { chunk, completionBody, deferred } from '../support/fake-openai-server.js';
import { LoopbackUpstream, oneQuestion, type SeenRequest } from '../support/loopback-upstream.js';

// Servers that compress their answers whatever the request says: the twin must read them as the
// built-in fetch does. The first path segment names the coding: /<coding>/v1/chat/completions.
const TOKENS = ['Zipped', ' answer', ' in ', 'français', ' é!'];
const TEXT = TOKENS.join('');
const CODINGS: Record<string, { header: string; encode: (bytes: Buffer) => Buffer; encoder?: () => Transform }> = {
  gzip: { header: 'gzip', encode: (b) => zlib.gzipSync(b), encoder: () => zlib.createGzip() },
  'x-gzip': { header: 'x-gzip', encode: (b) => zlib.gzipSync(b), encoder: () => zlib.createGzip() },
  deflate: { header: 'deflate', encode: (b) => zlib.deflateSync(b), encoder: () => zlib.createDeflate() },
  'raw-deflate': { header: 'deflate', encode: (b) => zlib.deflateRawSync(b), encoder: () => zlib.createDeflateRaw() },
  br: { header: 'br', encode: (b) => zlib.brotliCompressSync(b), encoder: () => zlib.createBrotliCompress() },
  'gzip-then-br': { header: 'gzip, br', encode: (b) => zlib.brotliCompressSync(zlib.gzipSync(b)) },
};
const STREAMED = Object.keys(CODINGS).filter((name) => CODINGS[name]?.encoder);
let upstream: LoopbackUpstream;
// The rest of a streamed answer waits until the client has read its first token.
let gate = deferred();

async function handle(request: SeenRequest, res: ServerResponse): Promise<void> {
  const [, name] = request.url.split('/');
  const stream = request.body.includes('"stream":true');
  if (name === 'corrupt') {
    res.writeHead(200, {
      'content-type': stream ? 'text/event-stream' : 'application/json',
      'content-encoding': 'gzip',
    });
    // An event stream stays open: the failure must come from the bytes, not from the end.
    if (stream) res.write('this is not gzip at all');
    else res.end('this is not gzip at all');
    return;
  }
  if (name === 'bomb') {
    // 65 gzip members of 1 MiB of zeros each: 65 KB on the wire, 65 MiB decoded.
    const member = zlib.gzipSync(Buffer.alloc(1024 * 1024));
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(Buffer.concat(Array.from({ length: 65 }, () => member)));
    return;
  }
  if (name === 'unknown') {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'zstd-like' }).end('as sent');
    return;
  }
  const coding = CODINGS[name as string];
  if (!coding) return void res.writeHead(404).end();
  if (!stream) {
    const body = Buffer.from(JSON.stringify(completionBody('twin', TEXT, null)));
    res
      .writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding.header })
      .end(coding.encode(body));
    return;
  }
  const encoder = (coding.encoder as () => Transform)();
  res.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': coding.header });
  encoder.pipe(res);
  const event = (token: string | null) =>
    `data: ${JSON.stringify(token === null ? chunk('twin', {}, 'stop') : chunk('twin', { content: token }))}\n\n`;
  encoder.write(event(TOKENS[0] as string));
  await new Promise((resolve) => (encoder as unknown as zlib.Gzip).flush(() => resolve(undefined)));
  await gate.promise;
  for (const token of TOKENS.slice(1)) encoder.write(event(token));
  encoder.write(event(null));
  encoder.end('data: [DONE]\n\n');
}

beforeAll(async () => {
  upstream = await LoopbackUpstream.start(handle);
});

afterAll(async () => {
  await upstream?.close();
});

const client = (name: string) =>
  new OpenAI({
    apiKey: 'k',
    baseURL: `${upstream.origin}/${name}/v1`,
    fetch: nodeHttpFetch,
    maxRetries: 0,
    timeout: 5_000,
  });
const model = (name: string) =>
  new OpenAiChatModel({ apiKey: 'k', baseURL: `${upstream.origin}/${name}/v1`, maxRetries: 0, timeoutMs: 5_000 });
const ask = { model: 'twin', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('nodeHttpFetch decodes compressed answers', () => {
  for (const name of Object.keys(CODINGS)) {
    it(`${name}: the same bytes as the built-in fetch, and the SDK and the adapter read the JSON answer`, async () => {
      const url = `${upstream.origin}/${name}/v1/chat/completions`;
      const init = { method: 'POST', body: '{}' };
      expect(await (await nodeHttpFetch(url, init)).text()).toBe(await (await fetch(url, init)).text());
      expect((await client(name).chat.completions.create(ask)).choices[0]?.message.content).toBe(TEXT);
      expect((await model(name).complete(oneQuestion())).text).toBe(TEXT);
    });
  }

  for (const name of STREAMED) {
    it(`${name}: a streamed answer yields its first token before the stream ends (SDK and adapter)`, async () => {
      gate = deferred();
      let text = '';
      for await (const part of await client(name).chat.completions.create({ ...ask, stream: true })) {
        text += part.choices[0]?.delta.content ?? '';
        gate.resolve();
      }
      expect(text).toBe(TEXT);
      gate = deferred();
      const tokens: string[] = [];
      for await (const event of model(name).stream(oneQuestion())) {
        if (event.type === 'token') tokens.push(event.text);
        gate.resolve();
      }
      expect(tokens).toEqual(TOKENS);
    });
  }

  it('stops a gzipped event stream when the signal aborts', async () => {
    gate = deferred();
    const controller = new AbortController();
    const url = `${upstream.origin}/gzip/v1/chat/completions`;
    const response = await nodeHttpFetch(url, { method: 'POST', body: '{"stream":true}', signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain(TOKENS[0]);
    controller.abort(new Error('visitor left'));
    await expect(reader.read()).rejects.toBeDefined();
    gate.resolve();
  });

  it('leaves a body in an unknown coding as it is, as fetch does', async () => {
    const url = `${upstream.origin}/unknown/`;
    expect(await (await nodeHttpFetch(url)).text()).toBe('as sent');
    expect(await (await fetch(url)).text()).toBe('as sent');
  });
});

describe('a corrupt compressed answer is an error, never a hang', () => {
  it('fails the JSON body read, like fetch, and the SDK call', async () => {
    const url = `${upstream.origin}/corrupt/v1/chat/completions`;
    const response = await nodeHttpFetch(url, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(TypeError);
    await expect((await fetch(url, { method: 'POST', body: '{}' })).json()).rejects.toThrow(TypeError);
    await expect(client('corrupt').chat.completions.create(ask)).rejects.toThrow();
  });

  it('fails the body read of a JSON answer that decodes to more than 64 MiB', async () => {
    const response = await nodeHttpFetch(`${upstream.origin}/bomb/`);
    const failure = await response.arrayBuffer().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).cause).toBeInstanceOf(RangeError);
  });

  it('fails the event stream, through the SDK', async () => {
    const stream = await client('corrupt').chat.completions.create({ ...ask, stream: true });
    await expect(
      (async () => {
        for await (const _ of stream);
      })(),
    ).rejects.toThrow();
  });

  it('is model_unavailable through the adapter, as JSON and as a stream', async () => {
    await expect(model('corrupt').complete(oneQuestion())).rejects.toMatchObject({ code: 'model_unavailable' });
    const streaming = (async () => {
      for await (const _ of model('corrupt').stream(oneQuestion()));
    })();
    await expect(streaming).rejects.toMatchObject({ code: 'model_unavailable' });
  });
});
