import { readFile } from 'node:fs/promises';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appWith } from '../support/http-fixture.js';

const SITE = 'https://owner.example';
const OWNER_SITE = { CORS_ORIGINS: `http://localhost:3000,${SITE}`, TWIN_FRAME_ANCESTORS: SITE };

describe('GET /widget.js', () => {
  const { server } = appWith({}, OWNER_SITE);

  it('is the small loader, cached for five minutes and then revalidated by ETag', async () => {
    const res = await request(server).get('/widget.js').expect(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await request(server).get('/widget.js').set('If-None-Match', etag).expect(304);
    expect(again.text).toBe('');
    expect(again.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
    // Small: the loader is all a page carries until the launcher is opened.
    expect(Buffer.byteLength(res.text)).toBeLessThan(12_000);
  });

  it('loads nothing from anywhere else: every URL it uses is built from its own src', async () => {
    const source = await readFile(new URL('../../web/widget.js', import.meta.url), 'utf8');
    expect(source.match(/https?:\/\/[^\s'"`]+/g)).toEqual([
      'http://www.w3.org/2000/svg', // the SVG namespace name, never fetched
      'http://www.w3.org/2000/svg',
    ]);
    expect(source).not.toMatch(/\bimport\s*\(|importScripts|createElement\('script'\)|innerHTML|eval\(|new Function/);
  });
});

describe('GET /widget', () => {
  it('is the panel page: same-origin files only, framed only by TWIN_FRAME_ANCESTORS', async () => {
    const { server } = appWith({}, OWNER_SITE);
    const res = await request(server).get('/widget').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain(`frame-ancestors ${SITE}`);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.text).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    for (const [, ref] of res.text.matchAll(/(?:src|href)="([^"]+)"/g)) {
      expect(ref).toMatch(/^\/static\//);
      await request(server)
        .get(ref as string)
        .expect(200);
    }
    const etag = res.headers.etag as string;
    await request(server).get('/widget').set('If-None-Match', etag).expect(304);
  });

  it('may be framed by no one until the owner lists a site', async () => {
    const res = await request(appWith().server).get('/widget').expect(200);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});

describe('GET /widget/status', () => {
  const { server } = appWith({}, OWNER_SITE);
  const status = (origin?: string) => {
    const req = request(server).get('/widget/status');
    return origin ? req.set('Origin', origin) : req;
  };

  it('tells an allowed site it may open the panel', async () => {
    const res = await status(SITE).expect(200);
    expect(res.body).toEqual({ origin: SITE, allowed: true, missing: [] });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.vary).toContain('Origin');
  });

  it('tells any other site, readably, which settings leave it out', async () => {
    const res = await status('https://elsewhere.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body).toEqual({
      origin: 'https://elsewhere.example',
      allowed: false,
      missing: ['CORS_ORIGINS', 'TWIN_FRAME_ANCESTORS'],
    });
    // Listed for CORS (the Next.js frontend's default) but not for frames.
    expect((await status('http://localhost:3000')).body.missing).toEqual(['TWIN_FRAME_ANCESTORS']);
    expect((await status()).body).toEqual({
      origin: null,
      allowed: false,
      missing: ['CORS_ORIGINS', 'TWIN_FRAME_ANCESTORS'],
    });
  });

  it('follows frame-ancestors source expressions, such as a wildcard subdomain', async () => {
    const wildcard = appWith(
      {},
      { CORS_ORIGINS: 'https://www.owner.example', TWIN_FRAME_ANCESTORS: 'https://*.owner.example' },
    ).server;
    const res = await request(wildcard).get('/widget/status').set('Origin', 'https://www.owner.example');
    expect(res.body.allowed).toBe(true);
  });
});

describe('CORS for a widget on the owner site', () => {
  it('lets an allowed site preflight and call the chat routes cross-origin', async () => {
    const { server } = appWith({}, OWNER_SITE);
    const preflight = await request(server)
      .options('/chat/stream')
      .set('Origin', SITE)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(SITE);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers']?.toLowerCase()).toContain('content-type');
    const chat = await request(server).post('/chat').set('Origin', SITE).send({ message: 'Hello' }).expect(200);
    expect(chat.headers['access-control-allow-origin']).toBe(SITE);
  });
});
