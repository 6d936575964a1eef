import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { TokenBucketLimiter } from '../../src/adapters/system/token-bucket-limiter.js';
import { appWith } from '../support/http-fixture.js';

describe('rate limits', () => {
  it('answers a burst from one IP with 429 and Retry-After while another IP is served', async () => {
    const { server } = appWith({}, { TWIN_RATE_LIMIT_PER_MINUTE: '3', TWIN_TRUST_PROXY: 'true' });
    const from = (ip: string) => request(server).post('/chat').set('X-Forwarded-For', ip).send({ message: 'hi' });
    for (let i = 0; i < 3; i++) expect((await from('203.0.113.7')).status).toBe(200);
    const refused = await from('203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await from('198.51.100.9')).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    const { server } = appWith({}, { TWIN_RATE_LIMIT_PER_MINUTE: '2' });
    const from = (ip: string) => request(server).post('/chat').set('X-Forwarded-For', ip).send({ message: 'hi' });
    expect((await from('1.1.1.1')).status).toBe(200);
    expect((await from('2.2.2.2')).status).toBe(200);
    // Spoofed addresses do not buy a fresh bucket: all three came from the same socket address.
    expect((await from('3.3.3.3')).status).toBe(429);
  });

  it('limits one session even across IPs', async () => {
    const { server } = appWith({}, { TWIN_SESSION_RATE_LIMIT_PER_MINUTE: '2', TWIN_TRUST_PROXY: 'true' });
    const send = (ip: string) =>
      request(server)
        .post('/chat')
        .set('X-Forwarded-For', ip)
        .send({ message: 'hi', session_id: '3e630659-7f34-4400-a634-8f42f0a95eef' });
    expect((await send('10.0.0.1')).status).toBe(200);
    expect((await send('10.0.0.2')).status).toBe(200);
    expect((await send('10.0.0.3')).status).toBe(429);
  });

  it('limits one session however a /v1 request names it: user, safety_identifier, previous_response_id', async () => {
    const { server } = appWith({}, { TWIN_SESSION_RATE_LIMIT_PER_MINUTE: '3', TWIN_TRUST_PROXY: 'true' });
    const session = crypto.randomUUID();
    const from = (ip: string, path: string, body: object) =>
      request(server)
        .post(path)
        .set('X-Forwarded-For', ip)
        .send({ model: 'twin', ...body });
    const first = await from('10.0.1.1', '/v1/responses', { input: 'hi', safety_identifier: session });
    expect(first.status).toBe(200);
    const responseId = first.body.id as string;
    expect(responseId.startsWith(`resp_${session}.`)).toBe(true);
    const chat = { messages: [{ role: 'user', content: 'hi' }] };
    expect((await from('10.0.1.2', '/v1/chat/completions', { ...chat, safety_identifier: session })).status).toBe(200);
    expect((await from('10.0.1.3', '/v1/responses', { input: 'again', previous_response_id: responseId })).status).toBe(
      200,
    );
    // The fourth turn in that session, named three other ways, from other addresses: all refused.
    const upper = session.toUpperCase();
    const refused = [
      await from('10.0.1.4', '/v1/responses', { input: 'more', previous_response_id: responseId }),
      await from('10.0.1.5', '/v1/chat/completions', { ...chat, safety_identifier: session }),
      await from('10.0.1.6', '/v1/chat/completions', { ...chat, user: upper }),
      await from('10.0.1.7', '/chat', { message: 'hi', session_id: session }),
    ];
    expect(refused.map((r) => r.status)).toEqual([429, 429, 429, 429]);
  });

  it('refills tokens over time', async () => {
    const clock = new FixedClock();
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 2, clock });
    expect((await limiter.take('k')).allowed).toBe(true);
    expect((await limiter.take('k')).allowed).toBe(true);
    const refused = await limiter.take('k');
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(1000);
    expect((await limiter.take('k')).allowed).toBe(true);
  });
});

describe('security headers', () => {
  it('sets a strict CSP and nosniff on every response', async () => {
    const { server } = appWith();
    for (const path of ['/', '/health', '/nope']) {
      const res = await request(server).get(path);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('lets the owner allow their site to embed the chat', async () => {
    const { server } = appWith({}, { TWIN_FRAME_ANCESTORS: 'https://owner.example' });
    const res = await request(server).get('/health');
    expect(res.headers['content-security-policy']).toContain('frame-ancestors https://owner.example');
  });
});
