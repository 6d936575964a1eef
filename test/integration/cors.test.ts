import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appWith } from '../support/http-fixture.js';

/** What the official openai SDK (v6) sends from a browser page, and what other OpenAI clients add. */
const OPENAI_CLIENT_HEADERS = [
  'authorization',
  'content-type',
  'x-stainless-os',
  'x-stainless-lang',
  'x-stainless-arch',
  'x-stainless-runtime',
  'x-stainless-runtime-version',
  'x-stainless-package-version',
  'x-stainless-retry-count',
  'x-stainless-timeout',
  'x-stainless-read-timeout',
  'x-stainless-helper-method',
  'openai-organization',
  'openai-project',
  'openai-beta',
  'user-agent',
];

function preflight(server: ReturnType<typeof appWith>['server'], origin: string, path = '/v1/chat/completions') {
  return request(server)
    .options(path)
    .set('Origin', origin)
    .set('Access-Control-Request-Method', 'POST')
    .set('Access-Control-Request-Headers', OPENAI_CLIENT_HEADERS.join(','));
}

const allowHeaders = (res: request.Response) =>
  String(res.headers['access-control-allow-headers'] ?? '')
    .toLowerCase()
    .split(',')
    .map((h) => h.trim());

describe('CORS', () => {
  it.each([
    ['https://d1abc.cloudfront.net/', 'https://d1abc.cloudfront.net'],
    ['HTTPS://Twin.Example.COM:443/chat', 'https://twin.example.com'],
    ['http://localhost:3000/', 'http://localhost:3000'],
  ])('CORS_ORIGINS=%j matches the Origin %j a browser sends', async (configured, origin) => {
    const { server } = appWith({}, { CORS_ORIGINS: configured });
    const res = await preflight(server, origin).expect(204);
    expect(res.headers['access-control-allow-origin']).toBe(origin);
  });

  it('allows every header OpenAI clients send in the preflight', async () => {
    const { server } = appWith({}, { CORS_ORIGINS: 'https://me.example' });
    const res = await preflight(server, 'https://me.example').expect(204);
    expect(allowHeaders(res)).toEqual(expect.arrayContaining(OPENAI_CLIENT_HEADERS));
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('exposes the ids and Retry-After to the page, also on error responses', async () => {
    const { server } = appWith({}, { CORS_ORIGINS: 'https://me.example' });
    const ok = await request(server).get('/health').set('Origin', 'https://me.example').expect(200);
    const exposed = String(ok.headers['access-control-expose-headers']).toLowerCase();
    for (const header of ['x-request-id', 'x-session-id', 'retry-after']) expect(exposed).toContain(header);
    const bad = await request(server)
      .post('/v1/chat/completions')
      .set('Origin', 'https://me.example')
      .send({ model: 'twin', messages: 'not a list' })
      .expect(400);
    expect(bad.headers['access-control-allow-origin']).toBe('https://me.example');
    expect(bad.body.error.code).toBe('invalid_input');
  });

  it('CORS_ORIGINS=* lets any origin call, without credentials', async () => {
    const { server } = appWith({}, { CORS_ORIGINS: '*' });
    for (const origin of ['https://anyone.example', 'http://localhost:5173', 'null']) {
      const res = await preflight(server, origin).expect(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(allowHeaders(res)).toEqual(expect.arrayContaining(OPENAI_CLIENT_HEADERS));
    }
    const get = await request(server).get('/v1/models').set('Origin', 'https://anyone.example').expect(200);
    expect(get.headers['access-control-allow-origin']).toBe('*');
    const noOrigin = await request(server).get('/v1/models').expect(200);
    expect(noOrigin.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([
    'https://evil.example',
    'https://me.example.evil.example',
    'http://me.example',
    'https://me.example:8443',
    'null',
  ])('gives %s, not listed, no CORS header', async (origin) => {
    const { server } = appWith({}, { CORS_ORIGINS: 'https://me.example' });
    const res = await preflight(server, origin);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-headers']).toBeUndefined();
    const get = await request(server).get('/health').set('Origin', origin).expect(200);
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
    expect(get.headers.vary).toContain('Origin');
  });
});
