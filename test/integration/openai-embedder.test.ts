import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/memory/recording-logger.js';
import { OpenAiEmbedder, type OpenAiEmbedderOptions } from '../../src/adapters/openai/openai-embedder.js';
import { DomainError } from '../../src/domain/errors.js';
import { cosine } from '../../src/domain/grounding/vectors.js';
import { FakeOpenAiServer, reply } from '../support/fake-openai-server.js';

const SECRET = 'sk-live-SECRET-0123456789abcdef';
let server: FakeOpenAiServer;

beforeAll(async () => {
  server = await FakeOpenAiServer.start();
});
afterEach(() => server.reset());
afterAll(() => server.close());

function makeEmbedder(options: Partial<OpenAiEmbedderOptions> = {}): OpenAiEmbedder {
  return new OpenAiEmbedder({
    apiKey: SECRET,
    baseURL: server.baseURL,
    maxRetries: 0,
    timeoutMs: 2_000,
    ...options,
  } as OpenAiEmbedderOptions);
}

describe('OpenAiEmbedder against a local stand-in of the embeddings API', () => {
  it('sends text-embedding-3-small with float encoding and returns unit vectors in input order', async () => {
    const embedder = makeEmbedder();
    const vectors = await embedder.embed(['kelp forests', 'sea urchins', 'kelp forests']);
    expect(embedder.name).toBe('text-embedding-3-small');
    expect(embedder.dimension).toBe(1536);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/embeddings');
    expect(request?.body).toMatchObject({
      model: 'text-embedding-3-small',
      input: ['kelp forests', 'sea urchins', 'kelp forests'],
      encoding_format: 'float',
    });
    expect(request?.body).not.toHaveProperty('dimensions');
    expect(request?.headers.authorization).toBe(`Bearer ${SECRET}`);
    // The stand-in lists results in reverse: the adapter must reorder them by index.
    const [a, b, c] = vectors as [Float32Array, Float32Array, Float32Array];
    expect(a).toHaveLength(1536);
    expect(cosine(a, c)).toBeCloseTo(1, 5);
    expect(cosine(a, b)).toBeLessThan(0.5);
    expect(cosine(a, a)).toBeCloseTo(1, 5);
  });

  it('batches long inputs, asks for a smaller dimension when configured, and never sends an empty string', async () => {
    const embedder = makeEmbedder({ batchSize: 2, dimension: 256, model: 'text-embedding-3-large' });
    const vectors = await embedder.embed(['one', '', 'three', 'four', 'five']);
    expect(vectors).toHaveLength(5);
    expect(vectors.every((v) => v.length === 256)).toBe(true);
    expect(server.requests.map((r) => r.body.input)).toEqual([['one', ' '], ['three', 'four'], ['five']]);
    expect(server.requests.every((r) => r.body.dimensions === 256 && r.body.model === 'text-embedding-3-large')).toBe(
      true,
    );
    expect(await embedder.embed([])).toEqual([]);
    expect(server.requests).toHaveLength(3);
  });

  it('turns a rate limit into model_unavailable with the retry hint, without vendor text or the key', async () => {
    server.enqueue(reply.error(429, `quota exceeded for key ${SECRET}`, { 'retry-after': '7' }));
    const error = await makeEmbedder()
      .embed(['hello'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'model_unavailable', retryAfterSeconds: 7 });
    expect(String((error as Error).message)).not.toContain(SECRET);
    expect(String((error as Error).message)).not.toContain('quota');
  });

  it('rejects a response whose vectors do not match the request', async () => {
    server.enqueue(({ res }) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [1, 2] }] }));
    });
    await expect(makeEmbedder().embed(['a', 'b'])).rejects.toMatchObject({ code: 'model_unavailable' });
  });

  it.each([
    ['an empty object', '{}'],
    ['an error object', '{"error":{"message":"bad gateway"}}'],
    ['data: null', '{"object":"list","data":null}'],
    ['vectors that are not numbers', '{"object":"list","data":[{"index":0,"embedding":["a"]}]}'],
    ['an HTML page', '<html>Service Unavailable</html>'],
  ])('a 200 reply holding %s is model_unavailable, never a TypeError', async (_label, body) => {
    server.enqueue(({ res }) => {
      res.writeHead(200, { 'content-type': body.startsWith('<') ? 'text/html' : 'application/json' });
      res.end(body);
    });
    await expect(makeEmbedder().embed(['a'])).rejects.toMatchObject({ code: 'model_unavailable' });
  });

  it('after a failure, fails at once for the cool-down instead of calling again, and says so once', async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_fields: object, message?: string) => warnings.push(message ?? '') };
    const embedder = makeEmbedder({ cooldownMs: 60_000, logger } as Partial<OpenAiEmbedderOptions>);
    server.enqueue(reply.error(401, 'bad key'));
    server.enqueue(reply.error(401, 'bad key'));
    // Two calls at once (passages and question) fail together and are told once.
    const together = await Promise.allSettled([embedder.embed(['one']), embedder.embed(['two'])]);
    expect(together.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    for (let i = 0; i < 3; i++)
      await expect(embedder.embed(['again'])).rejects.toMatchObject({ code: 'model_unavailable' });
    expect(server.requests).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    // With no cool-down the next call tries again (and the stand-in answers).
    const eager = makeEmbedder({ cooldownMs: 0 });
    server.enqueue(reply.error(500, 'oops'));
    await expect(eager.embed(['x'])).rejects.toMatchObject({ code: 'model_unavailable' });
    expect(await eager.embed(['x'])).toHaveLength(1);
  });

  it('an aborted call rejects with the caller reason', async () => {
    server.enqueue(reply.hang());
    const controller = new AbortController();
    const pending = makeEmbedder().embed(['slow'], { signal: controller.signal });
    await server.waitForRequests(1);
    controller.abort(new Error('visitor left'));
    await expect(pending).rejects.toThrow('visitor left');
  });
});
