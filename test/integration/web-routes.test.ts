import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWith } from '../support/http-fixture.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('the pages and their files', () => {
  const { server } = appWith();

  it('serves the chat page to browsers at / and keeps the JSON greeting for API clients', async () => {
    const page = await request(server).get('/').set('Accept', BROWSER_ACCEPT).expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<textarea');
    expect(page.headers.vary).toContain('Accept');
    for (const accept of ['*/*', 'application/json', 'application/json, text/html']) {
      const api = await request(server).get('/').set('Accept', accept).expect(200);
      expect(api.body.storage).toBe('memory');
      expect(api.headers.vary).toContain('Accept');
    }
  });

  it.each([
    ['/', 'chat'],
    ['/dashboard', 'dashboard'],
  ])('serves %s with a strict Content-Security-Policy and no inline script or style', async (url) => {
    const res = await request(server).get(url).set('Accept', BROWSER_ACCEPT).expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    for (const script of res.text.match(/<script[^>]*>/g) ?? []) expect(script).toMatch(/\ssrc="\/static\//);
    // Every referenced file is served by the app itself: no CDN.
    for (const [, ref] of res.text.matchAll(/(?:src|href)="([^"]+)"/g)) {
      expect(ref).toMatch(/^\/|^#/);
      if (ref?.startsWith('/static/')) await request(server).get(ref).expect(200);
    }
  });

  it.each([
    ['/static/chat.js', 'text/javascript; charset=utf-8'],
    ['/static/common.css', 'text/css; charset=utf-8'],
    ['/static/vendor/markdown-it.mjs', 'text/javascript; charset=utf-8'],
    ['/static/vendor/uPlot.iife.min.js', 'text/javascript; charset=utf-8'],
    ['/static/vendor/uPlot.min.css', 'text/css; charset=utf-8'],
    ['/static/favicon.svg', 'image/svg+xml'],
  ])('serves %s as %s, revalidated by ETag', async (url, type) => {
    const first = await request(server).get(url).expect(200);
    expect(first.headers['content-type']).toBe(type);
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    await request(server).get(url).set('If-None-Match', etag).expect(304);
    const head = await request(server).head(url).expect(200);
    expect(head.headers.etag).toBe(etag);
  });

  it.each([
    '/static/../package.json',
    '/static/%2e%2e/package.json',
    '/static/..%2fpackage.json',
    '/static/vendor/../../src/index.ts',
    '/static/%2e%2e/%2e%2e/etc/passwd',
    '/static/chat.js%00.png',
    '/static/',
    '/static/vendor/',
    '/static/vendor/markdown-it.cjs.js',
    '/web/chat.html',
    '/chat.html',
  ])('answers %s with a JSON 404, never a file outside the allow-list', async (url) => {
    const res = await request(server).get(url);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

it('describes the pages, the persona card and the OpenAI-compatible routes in /openapi.json', async () => {
  const res = await request(appWith().server).get('/openapi.json').expect(200);
  expect(Object.keys(res.body.paths)).toEqual(
    expect.arrayContaining(['/dashboard', '/persona', '/persona/avatar', '/v1/models', '/v1/chat/completions']),
  );
  const body = res.body.paths['/v1/chat/completions'].post.requestBody.content['application/json'].schema;
  expect(body.required).toEqual(expect.arrayContaining(['model', 'messages']));
});

describe('GET /persona and /persona/avatar', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'twin-avatar-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('shows only public display fields', async () => {
    const res = await request(appWith({}, { TWIN_PERSONA_DIR: dir }).server)
      .get('/persona')
      .expect(200);
    expect(res.body).toEqual({
      name: 'Noor',
      full_name: 'Noor Haddad',
      title: 'Principal Acoustician at Resonant Works',
      location: 'Valparaíso, Chile',
      initials: 'NH',
      greeting: expect.stringContaining("I'm Noor's AI twin"),
      suggested_questions: [
        'What do you do at Resonant Works?',
        'What do you know about room acoustics?',
        'Where are you based?',
      ],
      avatar_url: null,
    });
  });

  it('has no avatar when the persona folder has none', async () => {
    const { server } = appWith({}, { TWIN_PERSONA_DIR: dir });
    expect((await request(server).get('/persona')).body.avatar_url).toBeNull();
    await request(server).get('/persona/avatar').expect(404);
  });

  it('serves avatar.png from the persona folder, with a URL that changes when the file does', async () => {
    const { server } = appWith({}, { TWIN_PERSONA_DIR: dir });
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    await writeFile(path.join(dir, 'avatar.png'), png);
    const first = (await request(server).get('/persona')).body.avatar_url as string;
    expect(first).toMatch(/^\/persona\/avatar\?v=[\w-]+$/);
    const image = await request(server).get(first).expect(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(image.body as Buffer, png)).toBe(0);
    expect(image.headers['content-security-policy']).toContain('sandbox');

    await writeFile(path.join(dir, 'avatar.png'), Buffer.concat([png, Buffer.from([0])]));
    const second = (await request(server).get('/persona')).body.avatar_url as string;
    expect(second).not.toBe(first);
  });

  it('prefers an SVG avatar, served sandboxed so its script cannot run on this origin', async () => {
    const { server } = appWith({}, { TWIN_PERSONA_DIR: dir });
    await writeFile(
      path.join(dir, 'avatar.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const res = await request(server).get('/persona/avatar').expect(200);
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
